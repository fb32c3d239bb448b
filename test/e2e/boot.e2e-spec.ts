import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { spawnEntry } from 'test/support/processes';
import { resetState } from 'test/support/state';
import { databaseUrl } from 'test/support/test-env';

async function outputOf(entry: 'main' | 'worker', env: Record<string, string>) {
  const proc = spawnEntry(entry, env);
  const code = await proc.exited;
  return { code, lines: proc.output().trim().split('\n') };
}

describe('start-up: clear messages instead of stack traces', () => {
  beforeAll(() => resetState());

  it('names the database it cannot reach, in one line, and exits non-zero', async () => {
    const { code, lines } = await outputOf('main', {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/duijie',
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^无法连接数据库 \/ Cannot reach the database postgres:\/\/postgres@127\.0\.0\.1:1\/duijie: connect ECONNREFUSED/,
      ),
    ]);
    expect(lines[0]).not.toContain('secret');
  });

  it('names Redis when Redis is unreachable, for the worker too', async () => {
    const { code, lines } = await outputOf('worker', { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^无法连接 Redis \/ Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/),
    ]);
  });

  it('lists every bad variable, one line each', async () => {
    const { code, lines } = await outputOf('main', { PORT: 'eighty', DEFAULT_LOCALE: 'fr' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      '配置错误 / Configuration error:',
      '  - PORT: 必须是 1–65535 之间的整数 / must be an integer from 1 to 65535 (got "eighty")',
      '  - DEFAULT_LOCALE: 必须是其中之一 / must be one of zh-CN, en (got "fr")',
    ]);
  });

  it('refuses to serve a database with pending migrations', async () => {
    const url = process.env.DATABASE_URL!;
    const admin = new DataSource({ type: 'postgres', url: databaseUrl(url, 'postgres') });
    await admin.initialize();
    const empty = `${new URL(url).pathname.slice(1)}_empty`;
    await admin.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${empty}`);
    try {
      const { code, lines } = await outputOf('main', {
        DATABASE_URL: databaseUrl(url, empty),
        LOG_LEVEL: 'silent',
      });
      expect(code).toBe(1);
      const migrations = readdirSync(join(__dirname, '..', '..', 'migrations')).filter((f) =>
        f.endsWith('.ts'),
      );
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^数据库有 ${migrations.length} 个待执行的迁移 / The database has ${migrations.length} pending migration\\(s\\): ` +
            `CreateIdentityAndOutbox\\d+, .*npm run migration:run$`,
        ),
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`);
      await admin.destroy();
    }
  });
});
