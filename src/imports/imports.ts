import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import {
  CheckedRows,
  readRows,
  RowErrorDto,
  TableFile,
  TooManyRowsError,
  UnreadableTableError,
} from 'src/common/rows';
import { ThreadFunction } from 'src/common/thread-calls';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { ImportDto } from 'src/imports/dto/import.dto';
import { ImportJob } from 'src/imports/import-job.entity';
import { ImportError } from 'src/imports/imports.errors';
import { SheetTemplate, templateWorkbook } from 'src/imports/import-template';
import { Outbox } from 'src/notifications/outbox';

/** The outbox task that runs an import in the worker. */
export const RUN_IMPORT = 'run-import';

/** Rows staged and written together: one transaction, a few multi-row statements. */
export const BATCH_ROWS = 500;

/** A run of an import, as a kind's `write` sees it. */
export interface ImportRun {
  id: string;
  /** The uploader, with the platform roles they had when they uploaded. */
  actor: AuthUser;
  /** Where the rows go, as decided at upload (`Imports.stage`'s `target`). */
  target: Record<string, unknown>;
  /** What a kind remembers from batch to batch within this run (rows seen, to name repeats). */
  memory: Map<string, number>;
}

export interface BatchOutcome {
  imported: number;
  skipped: number;
  errors: RowErrorDto[];
}

/**
 * What a feature imports: the headers of its spreadsheets, how a batch's rows are checked and how
 * the checked rows are written. The check is the CPU's part (shaping, field rules, search words)
 * and runs on the import thread, a batch ahead of the writes; the write is the database's part
 * (rights, repeats, the inserts, the messages), in the batch's transaction.
 */
export interface ImportKind {
  headers: Record<string, string>;
  /** The spreadsheet people fill in: its headers are among `headers`, its example row imports. */
  template: SheetTemplate;
  /** A pure function of the staged rows (`Row[]`) to `CheckedRows` of what `write` inserts. */
  check: ThreadFunction;
  write(checked: CheckedRows<unknown>, run: ImportRun): Promise<BatchOutcome>;
}

/**
 * Spreadsheet imports as jobs. The upload is read as a stream in the API (the row cap and the
 * file's readability are answered at once), its rows staged in batches with the job row and the
 * outbox task that runs it, in one transaction; the worker writes batch after batch
 * (`ImportRunner`). Features register their kinds here, as they register outbox tasks.
 */
@Injectable()
export class Imports {
  private readonly kinds = new Map<string, ImportKind>();

  constructor(
    private readonly tx: Tx,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(name: string, kind: ImportKind): void {
    this.kinds.set(name, kind);
  }

  kind(name: string): ImportKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no import kind named ${name}`);
    return kind;
  }

  /**
   * Stages the file's rows as an import of `kind` into `target` and queues its run: 413 past the
   * row cap, 400 when the file cannot be read (the imports per hour are `@ImportLimited`'s).
   */
  async stage(
    user: AuthUser,
    kind: string,
    file: TableFile,
    target: Record<string, unknown> = {},
  ): Promise<ImportDto> {
    const { headers } = this.kind(kind);
    const { maxRows } = this.config.imports;
    const id = await this.tx.run(async () => {
      const [job] = await this.tx.query<{ id: string }[]>(
        `INSERT INTO import_job (kind, owner_id, actor, target, total, batches)
         VALUES ($1, $2, $3, $4, 0, 0) RETURNING id`,
        [
          kind,
          user.id,
          JSON.stringify({ id: user.id, name: user.name, roles: user.roles, inTeam: user.inTeam }),
          JSON.stringify(target),
        ],
      );
      let total = 0;
      let batches = 0;
      try {
        for await (const rows of readRows(file, headers, { maxRows, batchSize: BATCH_ROWS })) {
          await this.tx.query(
            `INSERT INTO import_batch (import_id, seq, rows) VALUES ($1, $2, $3)`,
            [job.id, batches++, JSON.stringify(rows)],
          );
          total += rows.length;
        }
      } catch (error) {
        if (error instanceof TooManyRowsError)
          throw ImportError.IMPORT_TOO_MANY_ROWS({ maxRows: error.max });
        if (error instanceof UnreadableTableError)
          throw ImportError.IMPORT_UNREADABLE({ reason: error.message });
        throw error;
      }
      await this.tx.manager.update(ImportJob, { id: job.id }, { total, batches });
      await this.outbox.scheduleTask({
        name: RUN_IMPORT,
        key: `import:${job.id}`,
        subject: `import:${job.id}`,
        data: { importId: job.id },
        at: new Date(),
      });
      return job.id;
    });
    return this.get(user, id);
  }

  /** The template of `kind` as an XLSX workbook, with its file name; 404 for no such kind. */
  async template(kind: string): Promise<{ fileName: string; workbook: Buffer }> {
    const found = this.kinds.get(kind);
    if (!found) throw ImportError.IMPORT_TEMPLATE_NOT_FOUND({ kind });
    return {
      fileName: `${found.template.fileName}.xlsx`,
      workbook: await templateWorkbook(found.template),
    };
  }

  /** The caller's own import; anyone else's is not found. */
  async get(user: AuthUser, id: string): Promise<ImportDto> {
    const job = await this.tx.repository(ImportJob).findOneBy({ id, ownerId: user.id });
    if (!job) throw ImportError.IMPORT_NOT_FOUND({ id });
    return toImportDto(job);
  }
}

export function toImportDto(job: ImportJob): ImportDto {
  const failure = job.status === 'failed' ? ImportError.IMPORT_FAILED() : null;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    total: job.total,
    processed: job.processed,
    percent:
      job.total === 0
        ? job.status === 'done'
          ? 100
          : 0
        : Math.floor((job.processed / job.total) * 100),
    imported: job.imported,
    skipped: job.skipped,
    errorTotal: job.errorTotal,
    errors: job.errors,
    errorsCapped: job.errors.length < job.errorTotal,
    failure: failure && {
      code: failure.code,
      message: `${failure.spec.message['zh-CN']} / ${failure.spec.message.en}`,
    },
    location: `/api/imports/${job.id}`,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
