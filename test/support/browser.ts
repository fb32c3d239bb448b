import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { PROJECT_ROOT } from 'src/common/paths';

/** Debian's Chromium (scripts/test.sh installs it where it is missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every page the browser tests visit, kept as test artifacts. */
export const SCREENSHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

/** `extraArgs`: more Chromium flags, e.g. a fake camera playing a video file. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The flags a root sandbox on a closed network needs (see the machine's notes).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Saves a full-page screenshot named after the journey step. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core, evaluated through the browser's debugging protocol: the pages' content security policy
 * allows no script but the site's own, and rightly refuses a tag the test would add.
 */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page: its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Records in the page what its content security policy refused (a script, a style, an image, a
 * socket the page itself asked for); added to every tab before its pages load.
 */
export const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

/** What the page's content security policy refused since it loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}
