import { Row, readTable } from 'src/common/rows';
import { SECTORS, sectorNames, sectorOf } from 'src/events/sectors';
import { SheetTemplate } from 'src/imports/import-template';

/** Column headers people write, in Chinese or English, and the field each one fills. */
export const INVITEE_HEADERS: Record<string, string> = {
  name: 'name',
  姓名: 'name',
  email: 'email',
  'e-mail': 'email',
  邮箱: 'email',
  mobile: 'mobile',
  phone: 'mobile',
  手机: 'mobile',
  手机号: 'mobile',
  organization: 'organizationName',
  organizationname: 'organizationName',
  单位: 'organizationName',
  sector: 'sector',
  界别: 'sector',
  role: 'role',
  角色: 'role',
  身份: 'role',
  locale: 'locale',
  语言: 'locale',
};

/** An invitee row with its sector as the platform names it (企业, 高校, 政产学研金服用 … accepted). */
export function inviteeRow(data: Record<string, unknown>): Record<string, unknown> {
  const sector = data.sector;
  if (typeof sector === 'string') return { ...data, sector: sectorOf(sector) ?? sector };
  return data;
}

/**
 * Reads an invitee list (CSV text or an XLSX workbook): a header row (Chinese or English names, any order), then one invitee per
 * line; sectors may be written 政产学研金服用. Unknown columns are kept, so that the row check names
 * them.
 */
export async function parseInviteeTable(table: string | Buffer): Promise<Row[]> {
  const rows = await readTable(table, INVITEE_HEADERS);
  return rows.map(({ line, data }) => ({ line, data: inviteeRow(data) }));
}

const SECTOR_CHOICES = SECTORS.map((sector) => sectorNames(sector)[1]);

/** The invitee list's template: the headers the import reads, an example, what each column takes. */
export const INVITEE_TEMPLATE: SheetTemplate = {
  fileName: '邀请名单模板 invitees',
  columns: [
    {
      header: '姓名',
      en: 'Name',
      required: true,
      example: '周婷',
      takes: '不超过 100 字 / up to 100 characters',
    },
    {
      header: '邮箱',
      en: 'E-mail address',
      required: false,
      example: 'zhou.ting@example.cn',
      takes: '邮箱和手机号至少填一项 / an e-mail address or a mobile number, at least one',
    },
    {
      header: '手机号',
      en: 'Mobile number',
      required: false,
      example: '13800138000',
      takes: '11 位大陆手机号，可带 +86 / 11-digit mainland number, +86 allowed',
    },
    { header: '单位', en: 'Organization', required: false, example: '四川蜀能新材料有限公司' },
    {
      header: '界别',
      en: 'Sector',
      required: true,
      example: '企业',
      choices: SECTOR_CHOICES,
      takes: `${SECTOR_CHOICES.join('、')}（也可写 政产学研金服用 单字）/ ${SECTORS.join(', ')}`,
    },
    {
      header: '角色',
      en: 'Role',
      required: false,
      example: '嘉宾',
      takes: '嘉宾、路演专家、投资人 等，不超过 50 字 / guest, presenter, investor …',
    },
    {
      header: '语言',
      en: 'Language',
      required: false,
      example: 'zh-CN',
      choices: ['zh-CN', 'en'],
      takes: 'zh-CN（中文）或 en（英文），不填为中文 / zh-CN or en, Chinese when empty',
    },
  ],
};
