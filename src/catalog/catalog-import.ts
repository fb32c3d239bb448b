import { Confidentiality, CooperationMode, Patent, PatentStatus } from 'src/catalog/catalog-kinds';
import { SheetTemplate } from 'src/imports/import-template';

/*
 * Catalog spreadsheets as people write them: their headers (Chinese or English) and how a row's
 * cells become the create endpoint's DTO. Pure, as the import thread loads it.
 */

/** Headers of a results spreadsheet, in Chinese or English (lower-cased), and their fields. */
export const RESULT_HEADERS: Record<string, string> = {
  ...alias('title', ['title', '成果名称', '名称', '标题']),
  ...alias('summary', ['summary', '简介', '摘要', '成果简介']),
  ...alias('description', ['description', '详细介绍', '描述', '成果描述']),
  ...alias('fields', ['fields', '领域', '行业领域', '所属领域']),
  ...alias('keywords', ['keywords', '关键词']),
  ...alias('readinessLevel', ['readinesslevel', 'trl', '成熟度', '技术成熟度']),
  ...alias('patents', ['patents', '专利', '专利号']),
  ...alias('cooperationModes', ['cooperationmodes', '合作方式']),
  ...alias('askingPriceMinWan', [
    'askingpriceminwan',
    '价格下限（万元）',
    '价格下限(万元)',
    '挂牌价下限（万元）',
  ]),
  ...alias('askingPriceMaxWan', [
    'askingpricemaxwan',
    '价格上限（万元）',
    '价格上限(万元)',
    '挂牌价上限（万元）',
  ]),
  ...alias('institutionName', ['institution', 'institutionname', '单位', '所属单位', '完成单位']),
  ...alias('team', ['team', '团队', '团队成员']),
  ...alias('region', ['region', '地区', '所在地区']),
  ...alias('published', ['published', '发布', '是否发布']),
};

/** Headers of a needs spreadsheet. */
export const NEED_HEADERS: Record<string, string> = {
  ...alias('title', ['title', '需求名称', '名称', '标题']),
  ...alias('description', ['description', '需求描述', '描述']),
  ...alias('enterpriseName', ['enterprise', 'enterprisename', '企业', '企业名称', '需求单位']),
  ...alias('fields', ['fields', '领域', '行业领域', '所属领域']),
  ...alias('keywords', ['keywords', '关键词']),
  ...alias('budgetMinWan', ['budgetminwan', '预算下限（万元）', '预算下限(万元)']),
  ...alias('budgetMaxWan', ['budgetmaxwan', '预算上限（万元）', '预算上限(万元)']),
  ...alias('deadline', ['deadline', '截止日期']),
  ...alias('confidentiality', ['confidentiality', '保密', '保密级别', '公开方式']),
  ...alias('region', ['region', '地区', '所在地区']),
  ...alias('published', ['published', '发布', '是否发布']),
};

const COOPERATION_NAMES: Record<string, CooperationMode> = {
  转让: 'transfer',
  技术转让: 'transfer',
  许可: 'license',
  技术许可: 'license',
  合作开发: 'joint_development',
  联合开发: 'joint_development',
  作价入股: 'equity',
  技术入股: 'equity',
  技术服务: 'technical_service',
};

const PATENT_STATUS_NAMES: Record<string, PatentStatus> = {
  授权: 'granted',
  已授权: 'granted',
  申请: 'filed',
  受理: 'filed',
  实审: 'filed',
  公开: 'filed',
  失效: 'lapsed',
  终止: 'lapsed',
};

const CONFIDENTIALITY_NAMES: Record<string, Confidentiality> = {
  公开: 'public',
  仅匹配专家: 'matched_only',
  匹配可见: 'matched_only',
  仅组织者: 'organizers_only',
};

/** A results spreadsheet row in the shape of `CreateResultDto`. */
export function resultRow(data: Record<string, unknown>): Record<string, unknown> {
  const { askingPriceMinWan, askingPriceMaxWan, team, patents, cooperationModes, ...rest } = data;
  return compact({
    ...rest,
    fields: list(rest.fields),
    keywords: list(rest.keywords),
    readinessLevel: number(rest.readinessLevel),
    patents: list(patents)?.map(patent),
    cooperationModes: list(cooperationModes)?.map((m) => COOPERATION_NAMES[m] ?? m),
    askingPriceMinFen: fenOfWan(askingPriceMinWan),
    askingPriceMaxFen: fenOfWan(askingPriceMaxWan),
    team: list(team)?.map((name) => ({ name })),
    published: yesNo(rest.published),
  });
}

/** A needs spreadsheet row in the shape of `CreateNeedDto`. */
export function needRow(data: Record<string, unknown>): Record<string, unknown> {
  const { budgetMinWan, budgetMaxWan, confidentiality, ...rest } = data;
  return compact({
    ...rest,
    fields: list(rest.fields),
    keywords: list(rest.keywords),
    budgetMinFen: fenOfWan(budgetMinWan),
    budgetMaxFen: fenOfWan(budgetMaxWan),
    confidentiality:
      typeof confidentiality === 'string'
        ? (CONFIDENTIALITY_NAMES[confidentiality] ?? confidentiality)
        : undefined,
    published: yesNo(rest.published),
  });
}

function alias(field: string, headers: string[]): Record<string, string> {
  return Object.fromEntries(headers.map((h) => [h, field]));
}

/** 电子信息；新材料、先进制造 → a list; a cell people separate with any of ; ， 、 |. */
function list(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(/[;；,，、|]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function number(value: unknown): unknown {
  return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** 万元 as people write them (12.5) → fen; what is not a number is left for the check to name. */
function fenOfWan(value: unknown): unknown {
  const n = number(value);
  return typeof n === 'number' ? Math.round(n * 1_000_000) : n;
}

function yesNo(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (['是', 'true', '1', 'yes', 'y'].includes(value.toLowerCase())) return true;
  if (['否', 'false', '0', 'no', 'n'].includes(value.toLowerCase())) return false;
  return value;
}

/** ZL202110000001.X 授权 → number and status (filed when no status is written). */
function patent(text: string): Patent {
  const [number, status] = text.split(/\s+/);
  return { number, status: PATENT_STATUS_NAMES[status] ?? (status as PatentStatus) ?? 'filed' };
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

const YES_NO = { choices: ['是', '否'], takes: '是 或 否，不填为否 / yes or no (no when empty)' };
const LIST = '可填多项，用 、 或 ； 分隔 / several, separated by 、 or ；';
const WAN = '万元，数字 / 10k yuan, a number';

/** The results spreadsheet's template (headers as `RESULT_HEADERS` reads them). */
export const RESULT_TEMPLATE: SheetTemplate = {
  fileName: '科技成果导入模板 results',
  columns: [
    {
      header: '成果名称',
      en: 'Title',
      required: true,
      example: '高能量密度固态锂电池电解质',
      takes: '不超过 200 字 / up to 200 characters',
    },
    {
      header: '成果简介',
      en: 'Summary',
      required: true,
      example: '室温离子电导率高，适用于动力电池',
      takes: '不超过 500 字 / up to 500 characters',
    },
    {
      header: '详细介绍',
      en: 'Description',
      required: false,
      example: '已完成中试，可提供样品测试。',
    },
    { header: '所属领域', en: 'Fields', required: false, example: '新能源、新材料', takes: LIST },
    { header: '关键词', en: 'Keywords', required: false, example: '固态电池、电解质', takes: LIST },
    {
      header: '技术成熟度',
      en: 'Readiness level (TRL)',
      required: true,
      example: '6',
      choices: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      takes: '1–9 的整数 / a whole number from 1 to 9',
    },
    {
      header: '专利',
      en: 'Patents',
      required: false,
      example: 'ZL202110000001.X 授权',
      takes: `专利号 空格 状态（授权、申请、失效），${LIST}`,
    },
    {
      header: '合作方式',
      en: 'Cooperation modes',
      required: false,
      example: '技术转让、合作开发',
      takes: `转让、许可、合作开发、作价入股、技术服务，${LIST}`,
    },
    {
      header: '价格下限（万元）',
      en: 'Lowest asking price',
      required: false,
      example: '50',
      takes: WAN,
    },
    {
      header: '价格上限（万元）',
      en: 'Highest asking price',
      required: false,
      example: '200',
      takes: WAN,
    },
    {
      header: '所属单位',
      en: 'Institution',
      required: true,
      example: '四川大学',
      takes: '不超过 200 字 / up to 200 characters',
    },
    { header: '团队成员', en: 'Team', required: false, example: '张教授、李博士', takes: LIST },
    { header: '所在地区', en: 'Region', required: false, example: '四川省成都市' },
    { header: '是否发布', en: 'Published', required: false, example: '是', ...YES_NO },
  ],
};

/** The needs spreadsheet's template (headers as `NEED_HEADERS` reads them). */
export const NEED_TEMPLATE: SheetTemplate = {
  fileName: '技术需求导入模板 needs',
  columns: [
    {
      header: '需求名称',
      en: 'Title',
      required: true,
      example: '动力电池热失控预警算法',
      takes: '不超过 200 字 / up to 200 characters',
    },
    {
      header: '需求描述',
      en: 'Description',
      required: true,
      example: '希望在 3 秒内识别单体电池热失控前兆。',
    },
    { header: '企业名称', en: 'Enterprise', required: true, example: '四川蜀能新材料有限公司' },
    { header: '所属领域', en: 'Fields', required: false, example: '新能源', takes: LIST },
    { header: '关键词', en: 'Keywords', required: false, example: '热失控、预警', takes: LIST },
    { header: '预算下限（万元）', en: 'Lowest budget', required: false, example: '30', takes: WAN },
    {
      header: '预算上限（万元）',
      en: 'Highest budget',
      required: false,
      example: '80',
      takes: WAN,
    },
    {
      header: '截止日期',
      en: 'Deadline',
      required: false,
      example: '2027-12-31',
      takes: '年-月-日 / year-month-day',
    },
    {
      header: '保密级别',
      en: 'Confidentiality',
      required: false,
      example: '公开',
      choices: ['公开', '仅匹配专家', '仅组织者'],
      takes:
        '公开、仅匹配专家、仅组织者，不填为公开 / public, matched experts only, organizers only',
    },
    { header: '所在地区', en: 'Region', required: false, example: '四川省成都市' },
    { header: '是否发布', en: 'Published', required: false, example: '是', ...YES_NO },
  ],
};
