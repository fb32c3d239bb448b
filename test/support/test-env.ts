/** Names shared by the global set-up and the per-worker environment. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/duijie';
export const TEMPLATE_DATABASE = 'duijie_test_template';

/** The same server as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
