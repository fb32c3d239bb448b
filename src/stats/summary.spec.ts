import { addFigures, emptyFigures } from 'src/stats/figures';
import { summarySentence } from 'src/stats/summary';

describe('report summary', () => {
  it('reads like the bureau’s report', () => {
    expect(
      summarySentence({
        events: 33,
        results: 1093,
        needs: 167,
        roadshowResults: 47,
        views: 1_194_500,
        deals: 39,
        valueFen: 11_830_000_000,
      }),
    ).toBe(
      '累计举办活动33场，发布科技成果1093项，征集技术需求167项，路演发布成果47项，线上直播累计观看119.45万人次，促成签约39项，签约金额近1.2亿元',
    );
  });

  it('says 超 when the rounding went down, nothing when it is exact', () => {
    const base = { events: 1, results: 0, needs: 0, roadshowResults: 0, views: 0, deals: 1 };
    expect(summarySentence({ ...base, valueFen: 12_340_000_000 })).toMatch(/签约金额超1.2亿元$/);
    expect(summarySentence({ ...base, valueFen: 50_000_000 })).toMatch(/签约金额50万元$/);
  });
});

describe('adding figures', () => {
  it('adds counts by sector and keeps the highest peak', () => {
    const a = { ...emptyFigures(), registered: { total: 3, industry: 2, finance: 1 } };
    const b = {
      ...emptyFigures(),
      registered: { total: 2, industry: 1, academia: 1 },
      liveViews: { total: 10, unique: 8, peakConcurrent: 5, watchSeconds: 600, external: 0 },
      outcomes: { valuable_contact: 2 },
    };
    const sum = addFigures(addFigures(a, b), {
      ...emptyFigures(),
      liveViews: { total: 1, unique: 1, peakConcurrent: 3, watchSeconds: 60, external: 100 },
      outcomes: { valuable_contact: 1, agreement_reached: 1 },
    });
    expect(sum.registered).toEqual({ total: 5, industry: 3, finance: 1, academia: 1 });
    expect(sum.liveViews).toEqual({
      total: 11,
      unique: 9,
      peakConcurrent: 5,
      watchSeconds: 660,
      external: 100,
    });
    expect(sum.outcomes).toEqual({ valuable_contact: 3, agreement_reached: 1 });
  });
});
