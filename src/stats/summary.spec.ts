import { addFigures, emptyFigures } from 'src/stats/figures';
import { reportTotals, summarySentence } from 'src/stats/summary';

describe('report summary', () => {
  const base = {
    events: 1,
    results: 0,
    needs: 0,
    roadshowResults: 0,
    views: 0,
    deals: 1,
  };

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
      '累计举办活动33场，通过活动发布科技成果1093项，征集技术需求167项，路演发布成果47项，线上直播累计观看119.45万人次，促成签约39项，签约金额近1.2亿元',
    );
  });

  it('says 超 when the rounding went down, nothing when it is exact', () => {
    expect(summarySentence({ ...base, valueFen: 12_340_000_000 })).toMatch(/签约金额超1.2亿元$/);
    expect(summarySentence({ ...base, valueFen: 50_000_000 })).toMatch(/签约金额50万元$/);
  });

  it('grows with kinds, participants, intents, landed, the two amounts, registrations and check-ins', () => {
    expect(
      summarySentence({
        events: 30,
        results: 749,
        needs: 167,
        dockedNeeds: 169,
        roadshowResults: 47,
        views: 10_000,
        deals: 33,
        valueFen: 8_500_000_000,
        kinds: [
          {
            kind: 'precise_docking',
            events: 21,
            results: 0,
            people: 600,
            deals: 22,
            valueFen: 4_000_000_000,
          },
          {
            kind: 'cloud_docking',
            events: 9,
            results: 749,
            people: 0,
            deals: 11,
            valueFen: 4_480_000_000,
          },
        ],
        institutions: 12,
        expertAttendances: 1_200,
        enterprises: 265,
        intents: 72,
        landed: 5,
        investment: { agreedFen: 3_999_600_000_000, technologyFen: 70_100_000_000 },
        registered: { count: 4, valueFen: 30_000_000 },
        receivedFen: 1_000_000_000,
        outputValueFen: 2_000_000_000,
      }),
    ).toBe(
      '累计举办活动30场（其中云对接9场、发布成果749项、签约11项4480万元；精准对接21场、参会600人次、签约22项4000万元），' +
        '通过活动发布科技成果749项，征集技术需求167项，对接会对接技术需求169项次，路演发布成果47项，' +
        '高校院所12家、专家1200人次、企业265家参与，线上直播累计观看1万人次，达成合作意向72项，' +
        '促成签约33项，签约金额8500万元，已落地5项，协议投资金额近400亿元，其中技术交易额超7亿元，' +
        '认定登记技术合同4项、登记金额30万元，到账1000万元，新增产值2000万元',
    );
  });

  it('leaves out each clause whose figure is not known', () => {
    const figures = emptyFigures();
    const sentence = summarySentence(
      reportTotals(2, { ...figures, dealsSince: { count: 1, valueFen: 100 } }, []),
    );
    expect(sentence).toBe(
      '累计举办活动2场，通过活动发布科技成果0项，征集技术需求0项，路演发布成果0项，线上直播累计观看0人次，促成签约1项，签约金额1元',
    );
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

  it('adds deal stages, check-in money, investment and registered contracts by category', () => {
    const one = {
      ...emptyFigures(),
      checkIns: { deals: 1, receivedFen: 100, outputValueFen: 1_000 },
      registeredContracts: {
        count: 1,
        valueFen: 500,
        byCategory: { transfer: { count: 1, valueFen: 500 } },
      },
    };
    const two = {
      ...emptyFigures(),
      investment: { declared: 1, agreedFen: 9_000, technologyFen: 700 },
      registeredContracts: {
        count: 2,
        valueFen: 300,
        byCategory: {
          transfer: { count: 1, valueFen: 100 },
          development: { count: 1, valueFen: 200 },
        },
      },
    };
    const sum = addFigures(one, two);
    expect(sum.checkIns).toEqual({ deals: 1, receivedFen: 100, outputValueFen: 1_000 });
    expect(sum.investment).toEqual({ declared: 1, agreedFen: 9_000, technologyFen: 700 });
    expect(sum.registeredContracts).toEqual({
      count: 3,
      valueFen: 800,
      byCategory: {
        transfer: { count: 2, valueFen: 600 },
        development: { count: 1, valueFen: 200 },
      },
    });
  });
});
