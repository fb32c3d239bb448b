// npm run bench:import [-- --rows 100000]
//
// A results spreadsheet of 100,000 rows imported through the API as an expert would: the upload
// (read as a stream, staged in batches) answered 202, then the worker's job writing the batches,
// until GET /api/imports/:id says done. Prints the rows per second from the upload to done, next to
// the same rows (shaped and with their search words, computed beforehand) inserted with plain `pg`
// in batches of 500, which is what the database alone allows. Target: ≥ 5,000 rows/s through the
// API. The run uses a database and a Redis prefix of its own (dropped at the end), so that two
// people benchmarking one server do not disturb each other; the tables it fills are vacuumed
// after each phase, as autovacuum may be off on the machine.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import { searchWords } from 'src/catalog/catalog-index';
import { RESULT_HEADERS, resultRow } from 'src/catalog/catalog-import';
import { readTable } from 'src/common/rows';
import {
  freePort,
  freshDatabase,
  freshRedisPrefix,
  log,
  option,
  PRODUCTION_ENV,
  signedInAccount,
  startEntry,
} from 'scripts/bench/bench-support';

const ROWS = option('rows', 100_000);
const BATCH = 500;

function resultsCsv(n: number): string {
  const lines = ['成果名称,简介,领域,关键词,成熟度,合作方式,单位,是否发布\n'];
  for (let i = 1; i <= n; i++)
    lines.push(
      `第${i}号低功耗气体传感器,基于微热板与金属氧化物敏感膜的燃气泄漏检测方案${i},电子信息,气体传感器；MEMS,${(i % 9) + 1},转让,电子科技大学,否\n`,
    );
  return lines.join('');
}

/** Seconds from the upload to its 202 (read and staged) and from there to done (checked and written). */
interface ImportTimes {
  staged: number;
  written: number;
}

async function importThroughApi(base: string, token: string, csv: string): Promise<ImportTimes> {
  const headers = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const accepted = await fetch(`${base}/api/results/import`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  });
  if (accepted.status !== 202) throw new Error(`${accepted.status} ${await accepted.text()}`);
  const { id } = (await accepted.json()) as { id: string };
  const staged = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const job = (await (await fetch(`${base}/api/imports/${id}`, { headers })).json()) as {
      status: string;
      imported: number;
      errorTotal: number;
    };
    if (job.status === 'failed') throw new Error(`the import failed: ${JSON.stringify(job)}`);
    if (job.status === 'done') {
      if (job.imported !== ROWS) throw new Error(`imported ${job.imported} of ${ROWS}`);
      return { staged: (staged - started) / 1000, written: (performance.now() - staged) / 1000 };
    }
  }
}

/** The same rows, shaped and with their words before the clock starts, written with plain pg. */
async function insertWithPg(pool: Pool, ownerId: string, csv: string): Promise<number> {
  const rows = (await readTable(csv, RESULT_HEADERS)).map(({ data }) => {
    const value = resultRow(data) as { keywords?: string[]; description?: string };
    const words = searchWords('research_result', { description: '', keywords: [], ...value });
    return { ...value, id: randomUUID(), words };
  });
  const started = performance.now();
  for (let at = 0; at < rows.length; at += BATCH) {
    await pool.query(
      `INSERT INTO research_result
         (id, owner_id, institution_name, title, summary, fields, keywords, readiness_level,
          cooperation_modes, published, search_vector)
       SELECT r.id, $2, r."institutionName", r.title, r.summary, r.fields, r.keywords,
              r."readinessLevel", r."cooperationModes", r.published, to_tsvector('simple', r.words)
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "institutionName" text, title text,
              summary text, fields text[], keywords text[], "readinessLevel" smallint,
              "cooperationModes" text[], published boolean, words text)`,
      [JSON.stringify(rows.slice(at, at + BATCH)), ownerId],
    );
  }
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  log(`import: ${ROWS} rows of results`);
  log('准备数据库 / preparing a database of its own …');
  const database = await freshDatabase('import');
  const redis = freshRedisPrefix('import');
  const databaseUrl = database.url;
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const settings = await pool.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'server_version', 'synchronous_commit', 'max_wal_size')`,
  );
  log(
    `环境 / under: node ${process.version}, ${cpus().length} cores (load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}), PostgreSQL ${settings.rows.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
  );
  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: redis.prefix,
    ...PRODUCTION_ENV,
    SMTP_URL: 'log:',
    LOG_LEVEL: 'info', // the processes say they started at info
    IMPORT_MAX_ROWS: String(ROWS),
    IMPORT_MAX_BYTES: String(256 * 1024 * 1024),
    OUTBOX_POLL_MS: '100',
  };
  log('启动 API 与 worker / starting the API and a worker …');
  const api = await startEntry('main', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const worker = await startEntry('worker', env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const csv = resultsCsv(ROWS);
    log(`文件 / file: ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MiB`);
    const expert = await signedInAccount(base, pool, 'expert');
    const times = await importThroughApi(base, expert.token, csv);
    const apiSeconds = times.staged + times.written;
    await pool.query('VACUUM ANALYZE research_result, catalog_release, import_job, import_batch');
    const pgSeconds = await insertWithPg(pool, expert.userId, csv);
    await pool.query('VACUUM ANALYZE research_result');
    const apiRate = Math.round(ROWS / apiSeconds);
    const pgRate = Math.round(ROWS / pgSeconds);
    log(
      `通过 API 导入任务 / through the API's import job: ${apiRate} rows/s (${apiSeconds.toFixed(1)} s, upload to done: ${times.staged.toFixed(1)} s read and staged, ${times.written.toFixed(1)} s checked and written)`,
    );
    log(
      `同样的行直接用 pg 写入 / the same rows with plain pg: ${pgRate} rows/s (${pgSeconds.toFixed(1)} s)`,
    );
    log(
      `比值 / ratio: ${(apiRate / pgRate).toFixed(2)}; 目标 / target ≥ 5,000 rows/s: ${apiRate >= 5000 ? '达到 / met' : '未达到 / NOT met'}`,
    );
  } finally {
    await Promise.all([api.kill('SIGTERM'), worker.kill('SIGTERM')]);
    await pool.end();
    await database.drop();
    await redis.flush();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
