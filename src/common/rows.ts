import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { FieldProblem } from 'src/common/errors/domain-error';
import { fieldName, isNamed } from 'src/common/errors/field-names';
import { toFieldProblems } from 'src/common/errors/field-problems';
import { EventLoopTurns } from 'src/common/event-loop-turns';

/** One row of an uploaded list: its line in the file (or number in a JSON list) and its cells. */
export interface Row {
  line: number;
  data: Record<string, unknown>;
  /**
   * The line's cells as written, in the file's order (kept as read: a staged batch is JSON, whose
   * keys PostgreSQL reorders), shown with the line's problems.
   */
  content?: string;
}

export class RowErrorDto {
  /** The line in the file (its header is line 1), or 1 for the first item of a JSON list. */
  row!: number;
  field!: string;
  /** The column as the template's header names it, Chinese then English: `邮箱 / e-mail address`. */
  column?: string;
  /** The refused line's cells, as written, so that it can be found in the file. */
  content?: string;
  /** Chinese first, then English, each naming the column: `邮箱：… / E-mail address: …`. */
  message!: string;
}

/** A row's cells as one line of text (what the person wrote), for its report. */
export function contentOf(data: Record<string, unknown>): string {
  return Object.values(data)
    .map((cell) => (Array.isArray(cell) ? cell.join('、') : String(cell)))
    .join(' | ');
}

/** Rows checked: the valid ones with their line, and one error per bad field of the others. */
export interface CheckedRows<T> {
  valid: { line: number; value: T }[];
  errors: RowErrorDto[];
}

/**
 * Validates each row as a `dto` on its own, then by `rules` (checks across fields): the valid ones,
 * and one error per bad field of the others (line, field, reason in zh-CN and English), so that one
 * bad row stops nothing else. Thousands of rows take a while: the event loop is handed back every
 * few milliseconds.
 */
export async function checkRows<T extends object>(
  dto: ClassConstructor<T>,
  rows: Row[],
  rules: (value: T) => FieldProblem[] = () => [],
  turns = new EventLoopTurns(),
): Promise<CheckedRows<T>> {
  const valid: { line: number; value: T }[] = [];
  const errors: RowErrorDto[] = [];
  for (const { line, data, content } of rows) {
    await turns.pause();
    const value = plainToInstance(dto, data);
    const invalid = toFieldProblems(
      // Synchronous: ten thousand rows would otherwise wait for ten thousand promises.
      validateSync(value, { whitelist: true, forbidNonWhitelisted: true }),
    );
    const problems = invalid.length > 0 ? invalid : rules(value);
    if (problems.length === 0) valid.push({ line, value });
    errors.push(...rowErrors(line, problems, content ?? contentOf(data), dto.name));
  }
  return { valid, errors };
}

/**
 * One error per field (the first broken rule says enough), naming its column by the header people
 * know (`owner`: the DTO's class, whose fields may be named its own way; a column nobody named is
 * named as written) and showing the line's content.
 */
export function rowErrors(
  line: number,
  problems: FieldProblem[],
  content?: string,
  owner?: string,
): RowErrorDto[] {
  return problems
    .filter((p, i) => problems.findIndex((q) => q.field === p.field) === i)
    .map((p) => {
      const named = isNamed(p.field);
      const name = named ? fieldName(p.field, owner) : { 'zh-CN': p.field, en: p.field };
      const en = named ? capitalized(name.en) : name.en;
      return {
        row: line,
        field: p.field,
        column: named ? `${name['zh-CN']} / ${name.en}` : p.field,
        ...(content === undefined ? {} : { content }),
        message: `${name['zh-CN']}：${p.message['zh-CN']} / ${en}: ${p.message.en}`,
      };
    });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The media type of an Excel workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An uploaded table: CSV (text, or bytes in UTF-8 or GB18030/GBK) or an Excel workbook's bytes. */
export interface TableFile {
  content: string | Buffer;
  /** The request's content type, with its `charset` when the sender named one. */
  mediaType?: string;
}

/** A file holding more rows than allowed: reading stops at the first row beyond `max`. */
export class TooManyRowsError extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} rows`);
  }
}

/** A file that is neither readable CSV nor a readable workbook. */
export class UnreadableTableError extends Error {}

/**
 * Reads a table with a header row, from CSV or an Excel workbook (its first sheet), as a stream:
 * rows come in batches of `batchSize`, the file is never expanded whole (a workbook's XML is read
 * as it is unzipped), and the event loop is handed back every few milliseconds. `headers` maps the
 * headers people write (Chinese or English, any case) to field names; unknown headers are kept as
 * they are, so that the row check names them. Empty cells and empty rows are left out. Past
 * `maxRows` rows it throws `TooManyRowsError`.
 */
export async function* readRows(
  file: TableFile,
  headers: Record<string, string>,
  { maxRows, batchSize }: { maxRows: number; batchSize: number },
): AsyncGenerator<Row[]> {
  const field = (header: string) => headers[header.trim().toLowerCase()] ?? header.trim();
  const rows = isWorkbook(file)
    ? workbookRows(file.content as Buffer, field)
    : csvRows(file, field);
  const batch: Row[] = [];
  let count = 0;
  try {
    for await (const some of rows) {
      count += some.length;
      if (count > maxRows) throw new TooManyRowsError(maxRows);
      batch.push(...some);
      while (batch.length >= batchSize) yield batch.splice(0, batchSize);
    }
  } catch (error) {
    if (error instanceof TooManyRowsError) throw error;
    throw new UnreadableTableError((error as Error).message);
  }
  if (batch.length > 0) yield batch;
}

/** Every row at once, for lists known to be short (tests, a pasted list). */
export async function readTable(
  content: string | Buffer,
  headers: Record<string, string>,
  mediaType?: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const options = { maxRows: Number.MAX_SAFE_INTEGER, batchSize: 1000 };
  for await (const batch of readRows({ content, mediaType }, headers, options)) rows.push(...batch);
  return rows;
}

function isWorkbook({ content, mediaType }: TableFile): boolean {
  // A zip file starts PK\3\4, whatever the sender called it.
  return (
    Buffer.isBuffer(content) &&
    (mediaType?.split(';')[0].trim() === XLSX || content.subarray(0, 4).equals(ZIP_MAGIC))
  );
}
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The CSV's rows, a piece of text at a time (a generator step per row would cost more than the row). */
async function* csvRows(file: TableFile, field: (header: string) => string): AsyncGenerator<Row[]> {
  const rows: Row[] = [];
  let failure: Error | undefined;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map(field),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  })
    .on('data', ({ record, info }: { record: Record<string, string>; info: { lines: number } }) => {
      const data = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
      if (Object.keys(data).length > 0)
        rows.push({ line: info.lines, data, content: contentOf(data) });
    })
    .on('error', (error: Error) => (failure = error));
  for await (const text of textChunks(file)) {
    parser.write(text);
    if (failure) throw failure;
    yield rows.splice(0);
  }
  await new Promise<void>((resolve) => {
    parser.once('end', resolve).once('error', () => resolve());
    parser.end();
  });
  if (failure) throw failure;
  yield rows.splice(0);
}

/** Text is cut into pieces a parser takes in a few milliseconds, with a turn between pieces. */
const CHUNK_BYTES = 16 * 1024;

/**
 * The CSV's text, decoded as it is read: the charset the sender named, else UTF-8 when the bytes
 * are UTF-8 (a byte-order mark or not), else GB18030 (which reads GBK and GB2312), as Excel on a
 * Chinese Windows saves CSV.
 */
async function* textChunks({ content, mediaType }: TableFile): AsyncGenerator<string> {
  const turns = new EventLoopTurns();
  if (typeof content === 'string') {
    for (let at = 0; at < content.length; at += CHUNK_BYTES) {
      yield content.slice(at, at + CHUNK_BYTES);
      await turns.pause();
    }
    return;
  }
  const decoder = new TextDecoder(encodingOf(content, mediaType));
  for (let at = 0; at < content.length; at += CHUNK_BYTES) {
    yield decoder.decode(content.subarray(at, at + CHUNK_BYTES), { stream: true });
    await turns.pause();
  }
  yield decoder.decode();
}

const CHINESE_CHARSETS = ['gbk', 'gb2312', 'gb18030', 'cp936', 'x-gbk'];

/** The encoding of a CSV's bytes (see `textChunks`). */
export function encodingOf(content: Buffer, mediaType = ''): 'utf-8' | 'gb18030' {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(mediaType)?.[1]?.toLowerCase();
  if (charset && CHINESE_CHARSETS.includes(charset)) return 'gb18030';
  if (charset === 'utf-8' || charset === 'utf8') return 'utf-8';
  return isUtf8(content) ? 'utf-8' : 'gb18030';
}

/** The first sheet's rows, read from the workbook as it is unzipped (shared strings kept). */
async function* workbookRows(
  content: Buffer,
  field: (header: string) => string,
): AsyncGenerator<Row[]> {
  const turns = new EventLoopTurns();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bufferChunks(content)), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are numbers formatted as dates: the styles tell which
    worksheets: 'emit',
    entries: 'emit',
  });
  let names: string[] | undefined;
  for await (const sheet of reader) {
    // The sheet's events come a piece of XML at a time: its rows are taken together.
    // (Its typings call parse() an iterator; it is an async generator.)
    const pieces = sheet.parse() as unknown as AsyncIterable<
      { eventType: string; value: unknown }[]
    >;
    for await (const events of pieces) {
      const rows: Row[] = [];
      for (const { eventType, value } of events) {
        if (eventType !== 'row') continue;
        const row = value as ExcelJS.Row;
        const values = row.values as unknown[];
        if (names === undefined) {
          names = values.map((v) => field(cellText(v)));
          continue;
        }
        const data: Record<string, string> = {};
        values.forEach((cell, column) => {
          const text = cellText(cell).trim();
          if (text !== '' && names![column]) data[names![column]] = text;
        });
        if (Object.keys(data).length > 0)
          rows.push({ line: row.number, data, content: contentOf(data) });
      }
      yield rows;
      await turns.pause();
    }
    return; // the first sheet only
  }
}

function* bufferChunks(content: Buffer): Generator<Buffer> {
  for (let at = 0; at < content.length; at += CHUNK_BYTES)
    yield content.subarray(at, at + CHUNK_BYTES);
}

/** A cell as the text a person sees: rich text joined, dates as YYYY-MM-DD, formulas' results. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (cell.richText) return cell.richText.map((r) => r.text).join('');
    if (cell.text !== undefined) return cell.text;
    if (cell.result !== undefined) return cellText(cell.result);
    return '';
  }
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
