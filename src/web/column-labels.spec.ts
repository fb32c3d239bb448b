import { withColumnLabels } from 'src/web/column-labels';

describe('withColumnLabels', () => {
  it('gives each body cell of a data table its column head as data-label', () => {
    const html = [
      '<table class="data report"><thead><tr><th scope="col">活动</th><th>时间 <span class="meta">（北京）</span></th><th><span class="visually-hidden">操作</span></th></tr></thead>',
      '<tbody><tr data-event="1"><th scope="row">A &amp; B</th><td class="when">10:00</td><td><form method="post"><button>取消</button></form></td></tr>',
      '<tr><td colspan="3">暂无</td></tr></tbody></table>',
    ].join('\n');
    expect(withColumnLabels(html).split('\n')).toEqual([
      '<table class="data report"><thead><tr><th scope="col">活动</th><th>时间 <span class="meta">（北京）</span></th><th><span class="visually-hidden">操作</span></th></tr></thead>',
      '<tbody><tr data-event="1"><th data-label="活动" scope="row">A &amp; B</th><td data-label="时间 （北京）" class="when">10:00</td><td data-label="操作"><form method="post"><button>取消</button></form></td></tr>',
      '<tr><td colspan="3">暂无</td></tr></tbody></table>',
    ]);
  });

  it('counts spanned head columns, keeps a label a template gave, and leaves other tables alone', () => {
    const html = [
      '<table class="data"><thead><tr><th colspan="2">时段</th><th></th></tr></thead><tbody>',
      '<tr><td>1</td><td data-label="own">2</td><td>3</td></tr></tbody></table>',
      '<table class="visually-hidden"><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
      '<table class="database"><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    ].join('\n');
    expect(withColumnLabels(html).split('\n')).toEqual([
      '<table class="data"><thead><tr><th colspan="2">时段</th><th></th></tr></thead><tbody>',
      '<tr><td data-label="时段">1</td><td data-label="own">2</td><td>3</td></tr></tbody></table>',
      '<table class="visually-hidden"><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
      '<table class="database"><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    ]);
  });
});
