import { NeedDto } from 'src/catalog/dto/need.dto';
import { SuggestionDto } from 'src/matching/dto/match.dto';
import { needRow, SHOWN } from 'src/web/console/events/matching.page';

const suggestion = (fields: Partial<SuggestionDto>): SuggestionDto =>
  ({
    id: 's1',
    kind: 'result',
    title: '硅碳负极',
    organization: '西南交通大学',
    score: 0.834,
    reasons: {},
    decision: null,
    ...fields,
  }) as SuggestionDto;

const need = { id: 'n1', title: '固态电池电解质' } as NeedDto;

describe('a need’s row on the matching page', () => {
  it('shows the first suggestions of each kind in percent, with the field their decision names', () => {
    const results = Array.from({ length: SHOWN + 2 }, (_, i) => suggestion({ id: `r${i}` }));
    const row = needRow(need, results, [suggestion({ id: 'e1', kind: 'expert', score: 0.5 })]);
    expect(row.results).toHaveLength(SHOWN);
    expect(row.results[0]).toMatchObject({ id: 'r0', percent: 83, candidateField: 'resultId' });
    expect(row.experts).toMatchObject([{ id: 'e1', percent: 50, candidateField: 'expertId' }]);
  });

  it('lists the confirmed pairs of either kind, also among those not shown', () => {
    const results = Array.from({ length: SHOWN + 1 }, (_, i) => suggestion({ id: `r${i}` }));
    results[SHOWN] = suggestion({ id: 'deep', decision: 'confirmed' });
    const experts = [
      suggestion({ id: 'e1', kind: 'expert', decision: 'confirmed' }),
      suggestion({ id: 'e2', kind: 'expert', decision: 'rejected' }),
    ];
    expect(needRow(need, results, experts).confirmed.map((s) => s.id)).toEqual(['deep', 'e1']);
  });
});
