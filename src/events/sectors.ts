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
