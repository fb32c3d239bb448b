import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { FieldProblem } from 'src/common/errors/domain-error';
import { toFieldProblems } from 'src/common/errors/field-problems';

/** One row of an uploaded list: its line in the file (or number in a JSON list) and its cells. */
export interface Row {
  line: number;
  data: Record<string, unknown>;
}

export class RowErrorDto {
  /** The line in the file (its header is line 1), or 1 for the first item of a JSON list. */
  row!: number;
  field!: string;
  message!: string;
}

/**
 * Validates each row as a `dto` on its own, then by `rules` (checks across fields): the valid ones,
 * and one error per bad field of the others (line, field, reason in zh-CN and English), so that one
 * bad row stops nothing else.
 */
export function checkRows<T extends object>(
  dto: ClassConstructor<T>,
  rows: Row[],
  rules: (value: T) => FieldProblem[] = () => [],
): { valid: { line: number; value: T }[]; errors: RowErrorDto[] } {
  const valid: { line: number; value: T }[] = [];
  const errors: RowErrorDto[] = [];
  for (const { line, data } of rows) {
    const value = plainToInstance(dto, data);
    const invalid = toFieldProblems(
      // Synchronous: ten thousand rows would otherwise wait for ten thousand promises.
      validateSync(value, { whitelist: true, forbidNonWhitelisted: true }),
    );
    const problems = invalid.length > 0 ? invalid : rules(value);
    if (problems.length === 0) valid.push({ line, value });
    // One error per field: the first broken rule says enough.
    const firstPerField = problems.filter(
      (p, i) => problems.findIndex((q) => q.field === p.field) === i,
    );
    errors.push(
      ...firstPerField.map((p) => ({
        row: line,
        field: p.field,
        message: `${p.message['zh-CN']} / ${p.message.en}`,
      })),
    );
  }
  return { valid, errors };
}

/** The media type of an Excel workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reads a table with a header row, from CSV text or an Excel workbook (its first sheet). `headers`
 * maps the headers people write (Chinese or English, any case) to field names; unknown headers are
 * kept as they are, so that the row check names them. Empty cells are left out.
 */
export async function readTable(
  content: string | Buffer,
  headers: Record<string, string>,
): Promise<Row[]> {
  const field = (header: string) => headers[header.trim().toLowerCase()] ?? header.trim();
  if (typeof content === 'string') {
    const records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map(field),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({
      line: info.lines,
      data: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
    }));
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const names = (sheet.getRow(1).values as unknown[]).map((v) => field(cellText(v)));
  const rows: Row[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const data: Record<string, string> = {};
    (row.values as unknown[]).forEach((value, column) => {
      const text = cellText(value).trim();
      if (text !== '' && names[column]) data[names[column]] = text;
    });
    if (Object.keys(data).length > 0) rows.push({ line, data });
  });
  return rows;
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
