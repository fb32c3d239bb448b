import { readFileSync } from 'node:fs';
import { provinceName, provinceOf, PROVINCES } from 'src/common/provinces';

describe('provinceOf', () => {
  it.each([
    ['四川省成都市', '四川'],
    ['四川省', '四川'],
    ['四川', '四川'],
    ['成都市', '四川'],
    ['成都', '四川'],
    ['成都市高新区', '四川'],
    ['四川 省 成都市', '四川'],
    ['北京市海淀区', '北京'],
    ['上海', '上海'],
    ['天津市滨海新区', '天津'],
    ['重庆市渝北区', '重庆'],
    ['广西壮族自治区南宁市', '广西'],
    ['内蒙古自治区呼和浩特市', '内蒙古'],
    ['宁夏回族自治区', '宁夏'],
    ['新疆维吾尔自治区乌鲁木齐市', '新疆'],
    ['西藏拉萨', '西藏'],
    ['香港特别行政区', '香港'],
    ['澳门', '澳门'],
    ['台湾省台北市', '台湾'],
    ['深圳市南山区', '广东'],
    ['陕西省西安市', '陕西'],
    ['山西省太原市', '山西'],
    ['海南省海口市', '海南'],
    // Qinghai's 海南藏族自治州 is not Hainan.
    ['海南藏族自治州', '青海'],
    ['台州市', '浙江'],
    ['Sichuan, Chengdu', '四川'],
    ['Inner Mongolia', '内蒙古'],
  ])('%p → %p', (region, province) => {
    expect(provinceOf(region)).toBe(province);
  });

  it.each([[null], [undefined], [''], ['  '], ['未知'], ['美国波士顿'], ['高新区']])(
    '%p names no province',
    (region) => {
      expect(provinceOf(region)).toBeNull();
    },
  );

  it('names every province as the map does, and the map has no other', () => {
    const map = JSON.parse(
      readFileSync(require.resolve('china-geojson/src/geojson/china.json'), 'utf8'),
    ) as { features: { properties: { name: string } }[] };
    const onMap = map.features.map((f) => f.properties.name).filter((n) => n !== '南海诸岛');
    expect([...onMap].sort()).toEqual(PROVINCES.map((p) => p.name).sort());
  });

  it('gives no city to two provinces', () => {
    const cities = PROVINCES.flatMap((p) => p.cities.split(' ').filter(Boolean));
    expect(new Set(cities).size).toBe(cities.length);
  });

  it('reads a province in the reader’s language', () => {
    expect(provinceName('内蒙古', 'en')).toBe('Inner Mongolia');
    expect(provinceName('内蒙古', 'zh-CN')).toBe('内蒙古');
  });
});
