import ExcelJS from 'exceljs';
import { toCsv } from 'src/common/csv';
import { pickLocale } from 'src/common/i18n';
import { toWallClock } from 'src/common/time';
import { LOCALES, Locale } from 'src/config/config';

/**
 * Exports people open in Excel: one language per file (the caller's), numbers as numbers, and
 * times as real date cells (sortable, filterable) showing the wall-clock time of the event's zone.
 */

/** A cell: text, a number, a moment (written as a date cell), or nothing. */
export type Cell = string | number | Date | null;

/** A column: its header in each language and how a row fills it. */
export interface ExportColumn<R> {
  header: Record<Locale, string>;
  value: (row: R) => Cell;
}

/** The Excel format of the date cells: the day and the time, as Chinese spreadsheets write them. */
export const DATE_CELL_FORMAT = 'yyyy-mm-dd hh:mm';

/** The export's language: `?lang=` when given (the page's own), else the client's Accept-Language. */
export function exportLocale(
  lang: string | undefined,
  acceptLanguage: string | undefined,
  fallback: Locale,
): Locale {
  if (lang && (LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return pickLocale(acceptLanguage, fallback);
}

/**
 * A moment as the date cell showing its wall-clock time in `timeZone`: spreadsheets have no zones,
 * so the cell holds the local time itself (its UTC fields are the zone's day and time).
 */
export function localMoment(date: Date | null, timeZone: string): Date | null {
  return date ? new Date(`${toWallClock(date, timeZone)}:00Z`) : null;
}

/** The header in `locale`, then one row per item. */
export function exportRows<R>(
  columns: readonly ExportColumn<R>[],
  rows: readonly R[],
  locale: Locale,
): Cell[][] {
  return [columns.map((c) => c.header[locale]), ...rows.map((r) => columns.map((c) => c.value(r)))];
}

/** The table as CSV (dates as `2026-10-04 14:00`, which Excel reads as dates) or an Excel workbook. */
export async function writeExport(
  table: Cell[][],
  format: 'csv' | 'xlsx',
  sheetName: string,
): Promise<Buffer> {
  if (format === 'csv') {
    const text = (cell: Cell) =>
      cell instanceof Date
        ? cell.toISOString().slice(0, 16).replace('T', ' ')
        : cell === null
          ? ''
          : String(cell);
    return Buffer.from(toCsv(table.map((row) => row.map(text))));
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRows(table);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = DATE_CELL_FORMAT;
    }),
  );
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
