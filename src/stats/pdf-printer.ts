import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { StatsError } from 'src/stats/stats.errors';

const run = promisify(execFile);
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Prints a standalone HTML page to PDF with the machine's Chromium, each print in a directory (and
 * browser profile) of its own, removed afterwards. The API starts without Chromium: a print
 * without it is a 503 `REPORT_PRINTER_UNAVAILABLE`, as is a print that fails or takes too long.
 */
export async function printPdf(chromiumPath: string, html: string): Promise<Buffer> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw StatsError.REPORT_PRINTER_UNAVAILABLE({ reason: 'missing' });
  }
  const dir = await mkdtemp(join(tmpdir(), 'duijie-report-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    await run(
      chromiumPath,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ],
      { timeout: PRINT_TIMEOUT_MS },
    ).catch(() => {
      throw StatsError.REPORT_PRINTER_UNAVAILABLE({ reason: 'failed' });
    });
    return await readFile(pdf).catch(() => {
      throw StatsError.REPORT_PRINTER_UNAVAILABLE({ reason: 'failed' });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
