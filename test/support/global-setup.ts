import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL, TEMPLATE_DATABASE, databaseUrl } from './test-env';

/**
 * Builds the template database once per run with the real migrations (through the same CLI a
 * developer uses); each test file then gets a copy of it.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const admin = new Client({ connectionString: databaseUrl(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const root = join(__dirname, '..', '..');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'typeorm.js'), 'run'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(base, TEMPLATE_DATABASE), NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `migrations failed on the test template database:\n${result.stdout}\n${result.stderr}`,
    );
  }
}
