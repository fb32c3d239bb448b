import { Row, readTable } from 'src/common/rows';
import { SECTORS, Sector } from 'src/events/sectors';

/** Column headers people write, in Chinese or English, and the field each one fills. */
const HEADERS: Record<string, string> = {
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

/** 政产学研金服用 as people write them in a spreadsheet. */
const SECTOR_NAMES: Record<string, Sector> = {
  政: 'government',
  产: 'industry',
  学: 'academia',
  研: 'research',
  金: 'finance',
  服: 'services',
  用: 'users',
};

/**
 * Reads an invitee list (CSV text or an XLSX workbook): a header row (Chinese or English names, any order), then one invitee per
 * line; sectors may be written 政产学研金服用. Unknown columns are kept, so that the row check names
 * them.
 */
export async function parseInviteeTable(table: string | Buffer): Promise<Row[]> {
  const rows = await readTable(table, HEADERS);
  for (const { data } of rows) {
    const sector = data.sector;
    if (typeof sector === 'string' && !(SECTORS as readonly string[]).includes(sector)) {
      data.sector = SECTOR_NAMES[sector] ?? sector;
    }
  }
  return rows;
}
