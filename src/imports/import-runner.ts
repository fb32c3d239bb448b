import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { CheckedRows, Row } from 'src/common/rows';
import { ThreadCalls } from 'src/common/thread-calls';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Role } from 'src/identity/roles';
import { ImportJob } from 'src/imports/import-job.entity';
import { IMPORT_LIFECYCLE } from 'src/imports/import-status';
import { ImportKind, ImportRun, Imports, RUN_IMPORT } from 'src/imports/imports';
import { OutboxTasks } from 'src/notifications/outbox-tasks';

/** Batches checked on the import threads while one is written: one per thread. */
const BATCHES_AHEAD = 2;

/** A staged batch read and checked, waiting for its write. */
interface CheckedBatch {
  seq: number;
  rows: number;
  checked: CheckedRows<unknown>;
}

/**
 * Runs an import in the worker, one staged batch per transaction: the batch is claimed by moving
 * `next_batch` (which locks the job row), the kind writes its checked rows, the counts and the
 * first errors are added, the batch deleted, and all of it commits together. A run that dies is
 * taken over by the outbox's retry and goes on from the first batch not written; two runs at once
 * take turns on the row lock and never write a batch twice. The rows are checked on the import
 * threads (`ThreadCalls`) two batches ahead of the writes: the process's event loop only waits.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    private readonly tx: Tx,
    private readonly imports: Imports,
    private readonly thread: ThreadCalls,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tasks: OutboxTasks,
  ) {
    tasks.register(RUN_IMPORT, (data) => this.run(String(data.importId)));
  }

  async run(importId: string): Promise<void> {
    const job = await this.start(importId);
    if (!job) return;
    const run: ImportRun = {
      id: job.id,
      actor: actorOf(job),
      target: job.target,
      memory: new Map(),
    };
    try {
      await this.writeBatches(run, this.imports.kind(job.kind), job.batches);
    } catch (error) {
      const lastRun = job.attempts >= this.config.outbox.maxAttempts;
      await this.tx.query(
        `UPDATE import_job SET last_error = $2,
                status = CASE WHEN $3 THEN 'failed' ELSE status END,
                finished_at = CASE WHEN $3 THEN now() END
          WHERE id = $1`,
        [importId, (error as Error).message, lastRun],
      );
      if (lastRun) return this.logger.error(`import ${importId} failed for good: ${String(error)}`);
      throw error; // the outbox runs the task again later, from the first batch not written
    }
    await this.tx.query(
      `UPDATE import_job SET status = 'done', finished_at = now()
        WHERE id = $1 AND status = ANY($2)`,
      [importId, IMPORT_LIFECYCLE.sourcesOf('done')],
    );
  }

  /** Marks the job running and counts the run; a job done or failed is left alone. */
  private async start(importId: string): Promise<ImportJob | undefined> {
    const [rows] = await this.tx.query<[ImportJob[], number]>(
      `UPDATE import_job
          SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, now())
        WHERE id = $1 AND status = ANY($2)
        RETURNING id, kind, target, actor, attempts, batches`,
      [importId, IMPORT_LIFECYCLE.sourcesOf('running')],
    );
    return rows[0];
  }

  /**
   * Batch after batch, the next ones (`BATCHES_AHEAD`) checked while one is written. A batch
   * another run wrote first is not written again: the run goes on from where the job is.
   */
  private async writeBatches(run: ImportRun, kind: ImportKind, batches: number): Promise<void> {
    const ahead = (seq: number) => settledLater(this.checkBatch(run, kind, seq, batches));
    const checks: Promise<CheckedBatch | undefined>[] = [];
    let seq = await this.nextBatch(run.id);
    while (seq !== undefined) {
      while (checks.length < BATCHES_AHEAD) checks.push(ahead(seq + checks.length));
      const batch = await checks.shift()!;
      if (!batch) return;
      if (await this.writeBatch(run, kind, batch)) seq = batch.seq + 1;
      else {
        checks.length = 0;
        seq = await this.nextBatch(run.id);
      }
    }
  }

  /** The first batch not written of a running job. */
  private async nextBatch(importId: string): Promise<number | undefined> {
    const [job] = await this.tx.query<{ next: number }[]>(
      `SELECT next_batch AS next FROM import_job
        WHERE id = $1 AND status = 'running' AND next_batch < batches`,
      [importId],
    );
    return job?.next;
  }

  /** Reads a staged batch and checks its rows on an import thread (no transaction held meanwhile). */
  private async checkBatch(
    run: ImportRun,
    kind: ImportKind,
    seq: number,
    batches: number,
  ): Promise<CheckedBatch | undefined> {
    if (seq >= batches) return undefined;
    const [staged] = await this.tx.query<{ rows: Row[] }[]>(
      `SELECT rows FROM import_batch WHERE import_id = $1 AND seq = $2`,
      [run.id, seq],
    );
    const rows = staged?.rows ?? []; // written by another run meanwhile: its claim will fail
    const checked = await this.thread.call<CheckedRows<unknown>>(kind.check, rows);
    return { seq, rows: rows.length, checked };
  }

  /** Writes a checked batch unless another run has written it; false then. */
  private async writeBatch(
    run: ImportRun,
    kind: ImportKind,
    batch: CheckedBatch,
  ): Promise<boolean> {
    return this.tx.run(async () => {
      const [claimed] = await this.tx.query<[{ kept: number }[], number]>(
        `UPDATE import_job SET next_batch = next_batch + 1
          WHERE id = $1 AND status = 'running' AND next_batch = $2
          RETURNING jsonb_array_length(errors) AS kept`,
        [run.id, batch.seq],
      );
      if (!claimed[0]) return false;
      await this.tx.query(`DELETE FROM import_batch WHERE import_id = $1 AND seq = $2`, [
        run.id,
        batch.seq,
      ]);
      const outcome = await kind.write(batch.checked, run);
      const room = Math.max(this.config.imports.maxErrors - claimed[0].kept, 0);
      await this.tx.query(
        `UPDATE import_job
            SET processed = processed + $2, imported = imported + $3, skipped = skipped + $4,
                error_total = error_total + $5, errors = errors || $6::jsonb
          WHERE id = $1`,
        [
          run.id,
          batch.rows,
          outcome.imported,
          outcome.skipped,
          outcome.errors.length,
          JSON.stringify(outcome.errors.slice(0, room)),
        ],
      );
      return true;
    });
  }
}

/**
 * A promise awaited later (the check ahead, while a write runs): its failure is seen where it is
 * awaited, not reported meanwhile as unhandled; one never awaited (a write failed) is dropped.
 */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The uploader as the policy saw them at upload: roles, not addresses (granting reads neither). */
function actorOf(job: ImportJob): AuthUser {
  const { id, name, roles, inTeam } = job.actor;
  return {
    id,
    name,
    roles: roles as Role[],
    inTeam,
    email: null,
    mobile: null,
    verifiedEmail: null,
    verifiedMobile: null,
    locale: 'zh-CN',
    sessionId: '',
  };
}
