import { placePartners } from 'src/stats/partners';

describe('partner institutions by province', () => {
  it('counts each institution once, in the province its deals name most', () => {
    expect(
      placePartners([
        { institution: '西南理工大学', region: '四川省成都市', deals: 3 },
        { institution: '西南理工大学', region: '北京市海淀区', deals: 1 },
        { institution: '四川大学', region: '成都市', deals: 1 },
        { institution: '清华大学', region: '北京', deals: 2 },
        { institution: '中科院深圳先进院', region: '深圳市南山区', deals: 1 },
        { institution: '香港科技大学', region: '香港特别行政区', deals: 1 },
      ]),
    ).toEqual({
      institutions: 5,
      provinces: [
        { province: '四川', institutions: 2 },
        { province: '北京', institutions: 1 },
        { province: '广东', institutions: 1 },
        { province: '香港', institutions: 1 },
      ],
      unplaced: 0,
    });
  });

  it('counts apart the institutions whose deals name no province, and places one that any names', () => {
    expect(
      placePartners([
        { institution: 'a', region: null, deals: 2 },
        { institution: 'b', region: '美国波士顿', deals: 1 },
        { institution: 'c', region: null, deals: 5 },
        { institution: 'c', region: '重庆市渝北区', deals: 1 },
      ]),
    ).toEqual({ institutions: 3, provinces: [{ province: '重庆', institutions: 1 }], unplaced: 2 });
  });

  it('settles a tie by the customary order of provinces', () => {
    expect(
      placePartners([
        { institution: 'x', region: '四川省', deals: 1 },
        { institution: 'x', region: '北京市', deals: 1 },
      ]).provinces,
    ).toEqual([{ province: '北京', institutions: 1 }]);
    expect(placePartners([])).toEqual({ institutions: 0, provinces: [], unplaced: 0 });
  });
});
