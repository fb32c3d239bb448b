import { parse } from 'csv-parse/sync';
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

export interface CsvRow {
  /** The line in the file (the header is line 1). */
  line: number;
  data: Record<string, string>;
}

/**
 * Reads an invitee list: a header row (Chinese or English names, any order), then one invitee per
 * line. Unknown columns are kept, so that the row check names them.
 */
export function parseInviteeCsv(text: string): CsvRow[] {
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => header.map((h) => HEADERS[h.trim().toLowerCase()] ?? h.trim()),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => {
    const data = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
    if (data.sector && !(SECTORS as readonly string[]).includes(data.sector)) {
      data.sector = SECTOR_NAMES[data.sector] ?? data.sector;
    }
    return { line: info.lines, data };
  });
}
