/** Participant sectors, 政产学研金服用: government, industry, academia, research, finance, services, users. */
export const SECTORS = [
  'government',
  'industry',
  'academia',
  'research',
  'finance',
  'services',
  'users',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * 政产学研金服用 as people write them in a list or a spreadsheet: the single characters, the names
 * the pages show (企业, 高校 …), their usual variants and the platform's own words.
 */
const SECTOR_NAMES: Record<Sector, string[]> = {
  government: ['政', '政府', '政府部门', '党政机关', '政府机关', '机关'],
  industry: ['产', '企业', '产业', '公司'],
  academia: ['学', '高校', '大学', '学校', '院校', '高等院校'],
  research: ['研', '科研院所', '科研机构', '研究院', '研究所', '院所'],
  finance: ['金', '金融机构', '金融', '银行', '投资机构', '投资'],
  services: ['服', '服务机构', '服务', '中介机构', '科技服务机构'],
  users: ['用', '用户单位', '用户', '应用单位'],
};

const BY_NAME = new Map<string, Sector>(
  SECTORS.flatMap((sector) => [
    [sector, sector] as const,
    ...SECTOR_NAMES[sector].map((name) => [name, sector] as const),
  ]),
);

/** The sector `written` names (`企业`, `产`, `industry`, ` Industry `), or undefined. */
export function sectorOf(written: string): Sector | undefined {
  return BY_NAME.get(written.trim().toLowerCase()) ?? BY_NAME.get(written.trim());
}

/** The names a spreadsheet may use for each sector, for its template's notes. */
export function sectorNames(sector: Sector): string[] {
  return SECTOR_NAMES[sector];
}
