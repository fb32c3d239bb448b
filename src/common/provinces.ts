/**
 * China's provincial-level divisions as the province map names them (`china-geojson`'s features:
 * 四川, 内蒙古, 香港 …), with their full names, English names and prefecture-level cities, so that
 * a region as people write it (四川省成都市, 四川, 成都市高新区, 广西壮族自治区南宁市, Sichuan)
 * is placed in one of them. The one place this rule lives: the map of partner institutions and
 * matching's "same region" both read it.
 */
export interface Province {
  /** As the map names it. */
  name: string;
  full: string;
  en: string;
  /** Prefecture-level cities, prefectures and leagues, without 市 / 州 / 地区 / 盟. */
  cities: string;
}

export const PROVINCES: readonly Province[] = [
  { name: '北京', full: '北京市', en: 'Beijing', cities: '' },
  { name: '天津', full: '天津市', en: 'Tianjin', cities: '' },
  {
    name: '河北',
    full: '河北省',
    en: 'Hebei',
    cities: '石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安',
  },
  {
    name: '山西',
    full: '山西省',
    en: 'Shanxi',
    cities: '太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁',
  },
  {
    name: '内蒙古',
    full: '内蒙古自治区',
    en: 'Inner Mongolia',
    cities:
      '呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒 阿拉善',
  },
  {
    name: '辽宁',
    full: '辽宁省',
    en: 'Liaoning',
    cities: '沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛',
  },
  {
    name: '吉林',
    full: '吉林省',
    en: 'Jilin',
    cities: '长春 四平 辽源 通化 白山 松原 白城 延边',
  },
  {
    name: '黑龙江',
    full: '黑龙江省',
    en: 'Heilongjiang',
    cities: '哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭',
  },
  { name: '上海', full: '上海市', en: 'Shanghai', cities: '' },
  {
    name: '江苏',
    full: '江苏省',
    en: 'Jiangsu',
    cities: '南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁',
  },
  {
    name: '浙江',
    full: '浙江省',
    en: 'Zhejiang',
    cities: '杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水',
  },
  {
    name: '安徽',
    full: '安徽省',
    en: 'Anhui',
    cities: '合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城',
  },
  {
    name: '福建',
    full: '福建省',
    en: 'Fujian',
    cities: '福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德',
  },
  {
    name: '江西',
    full: '江西省',
    en: 'Jiangxi',
    cities: '南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶',
  },
  {
    name: '山东',
    full: '山东省',
    en: 'Shandong',
    cities: '济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽',
  },
  {
    name: '河南',
    full: '河南省',
    en: 'Henan',
    cities:
      '郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源',
  },
  {
    name: '湖北',
    full: '湖北省',
    en: 'Hubei',
    cities:
      '武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架',
  },
  {
    name: '湖南',
    full: '湖南省',
    en: 'Hunan',
    cities: '长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西',
  },
  {
    name: '广东',
    full: '广东省',
    en: 'Guangdong',
    cities:
      '广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮',
  },
  {
    name: '广西',
    full: '广西壮族自治区',
    en: 'Guangxi',
    cities: '南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左',
  },
  { name: '海南', full: '海南省', en: 'Hainan', cities: '海口 三亚 三沙 儋州' },
  { name: '重庆', full: '重庆市', en: 'Chongqing', cities: '' },
  {
    name: '四川',
    full: '四川省',
    en: 'Sichuan',
    cities:
      '成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山',
  },
  {
    name: '贵州',
    full: '贵州省',
    en: 'Guizhou',
    cities: '贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南',
  },
  {
    name: '云南',
    full: '云南省',
    en: 'Yunnan',
    cities: '昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆',
  },
  {
    name: '西藏',
    full: '西藏自治区',
    en: 'Xizang',
    cities: '拉萨 日喀则 昌都 林芝 山南 那曲 阿里',
  },
  {
    name: '陕西',
    full: '陕西省',
    en: 'Shaanxi',
    cities: '西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛',
  },
  {
    name: '甘肃',
    full: '甘肃省',
    en: 'Gansu',
    cities: '兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南',
  },
  {
    name: '青海',
    full: '青海省',
    en: 'Qinghai',
    // 海南藏族自治州 is Qinghai's: longer than 海南, so it wins (see provinceOf).
    cities: '西宁 海东 海北 黄南 海南藏族 海南州 果洛 玉树 海西',
  },
  { name: '宁夏', full: '宁夏回族自治区', en: 'Ningxia', cities: '银川 石嘴山 吴忠 固原 中卫' },
  {
    name: '新疆',
    full: '新疆维吾尔自治区',
    en: 'Xinjiang',
    cities:
      '乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子',
  },
  {
    name: '台湾',
    full: '台湾省',
    en: 'Taiwan',
    cities: '台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义',
  },
  { name: '香港', full: '香港特别行政区', en: 'Hong Kong', cities: '' },
  { name: '澳门', full: '澳门特别行政区', en: 'Macao', cities: '' },
];

const BY_NAME = new Map(PROVINCES.map((p) => [p.name, p]));

/** Every way a region may begin, with its province: the longest prefix wins. */
const PREFIXES: [string, string][] = PROVINCES.flatMap((p) => [
  [p.full, p.name] as [string, string],
  [p.name, p.name] as [string, string],
  [p.en.toLowerCase(), p.name] as [string, string],
  ...p.cities
    .split(' ')
    .filter(Boolean)
    .map((city): [string, string] => [city, p.name]),
]).sort(([a], [b]) => b.length - a.length);

/**
 * The province (as the map names it) a region lies in, or null when it names none the platform
 * knows (empty, abroad, a district without its city): 四川省成都市, 四川, 成都市高新区 → 四川;
 * 广西壮族自治区南宁市 → 广西; 香港特别行政区 → 香港; "Sichuan, Chengdu" → 四川.
 */
export function provinceOf(region: string | null | undefined): string | null {
  const text = (region ?? '').replace(/\s+/g, '').toLowerCase();
  if (!text) return null;
  const found = PREFIXES.find(([prefix]) => text.startsWith(prefix.replace(/\s+/g, '')));
  return found ? found[1] : null;
}

/** A province's name in the reader's language (the map's name in Chinese). */
export function provinceName(name: string, locale: string): string {
  return locale === 'en' ? (BY_NAME.get(name)?.en ?? name) : name;
}

/** The order provinces are listed in when their figures are equal: the customary one above. */
export const provinceRank = (name: string): number => PROVINCES.findIndex((p) => p.name === name);
