import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where skipped suites leave their line for the summary `npm test` prints at the end. */
export const SKIPS_DIR = join(__dirname, '..', '..', '.data', 'test-skips');

/**
 * `describe` when nothing is missing; otherwise `describe.skip`, after printing why and recording
 * the reason and the one command that enables the suite, so that `npm test` names it beside its
 * `N passed, N failed` line instead of letting it pass unnoticed.
 */
export function describeUnless(
  missing: string | null | undefined,
  suite: string,
  enable: string,
): jest.Describe {
  if (!missing) return describe;
  const line = `${suite}: ${missing} → ${enable}`;
  process.stdout.write(`skipped: ${line}\n`);
  mkdirSync(SKIPS_DIR, { recursive: true });
  appendFileSync(join(SKIPS_DIR, `${process.pid}.txt`), `${line}\n`);
  return describe.skip;
}

/** The suites that drive a real media worker need one built (or installed) first. */
export const MEDIA_WORKER_ENABLE = 'npm run live:build-worker';
