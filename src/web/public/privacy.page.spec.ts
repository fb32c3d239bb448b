import { noticeBlocks, runsOf } from 'src/web/public/privacy.page';
import { privacyNotice } from 'src/privacy/privacy-notice';

describe('the privacy notice page', () => {
  it('reads headings, lists and paragraphs, with strong runs', () => {
    expect(noticeBlocks('# 标题\n\n## 用途\n\n- 甲\n- **乙**\n\n第一行\n第二行')).toEqual([
      { kind: 'heading', level: 1, runs: [{ text: '标题', strong: false }] },
      { kind: 'heading', level: 2, runs: [{ text: '用途', strong: false }] },
      {
        kind: 'list',
        items: [[{ text: '甲', strong: false }], [{ text: '乙', strong: true }]],
      },
      { kind: 'paragraph', runs: [{ text: '第一行 第二行', strong: false }] },
    ]);
  });

  it('keeps the text around a strong run', () => {
    expect(runsOf('未经您**单独同意**，不提供')).toEqual([
      { text: '未经您', strong: false },
      { text: '单独同意', strong: true },
      { text: '，不提供', strong: false },
    ]);
  });

  it('has the notice in force in both languages, each saying separate consent is needed', () => {
    expect(privacyNotice('zh-CN')).toContain('单独同意');
    expect(privacyNotice('en')).toContain('separate consent');
  });
});
