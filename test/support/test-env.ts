/** Names shared by the global set-up and the per-worker environment. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/duijie';

/**
 * `TEST_RUN=name` keeps a run's databases and Redis keys apart from another run's on the same
 * services (two developers, or two checkouts, testing at once).
 */
export const TEST_RUN = runName(process.env.TEST_RUN);
export const TEMPLATE_DATABASE = `duijie_test${TEST_RUN}_template`;

function runName(name: string | undefined): string {
  if (!name) return '';
  if (!/^[a-z0-9]{1,20}$/.test(name)) throw new Error('TEST_RUN: 1–20 lowercase letters or digits');
  return `_${name}`;
}

/** The same server as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
