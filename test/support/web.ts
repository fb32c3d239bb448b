import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiParts } from 'src/app.module';
import { Env, startApi, TestApi } from 'test/support/app';
import {
  cspViolations,
  launchBrowser,
  RECORD_CSP_VIOLATIONS,
  seriousViolations,
  snap,
} from 'test/support/browser';
import { PASSWORD } from 'test/support/factories';
import { freePort } from 'test/support/processes';

export type PageLocale = 'zh-CN' | 'en';

/** The API listening on a port, and Debian's Chromium to read its pages. */
export interface WebHarness {
  api: TestApi;
  browser: Browser;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** A fresh browser tab (its own cookies) reading in `locale`; close its context when done. */
  tab(
    locale?: PageLocale,
    viewport?: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Opens `path`, saves a screenshot named `shot`, and checks what every page promises: HTML, no
   * serious accessibility violation, no stack trace.
   */
  visit(page: Page, path: string, shot: string): Promise<void>;
  /** Signs in through the sign-in page and waits to be sent on to `next`. */
  signIn(page: Page, email: string, next?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebHarness(
  overrides: Env = {},
  parts: ApiParts = {},
): Promise<WebHarness> {
  // The pages are read at 127.0.0.1, not at PUBLIC_URL: that origin opens the live socket too.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const allowed = [overrides.ALLOWED_ORIGINS, base].filter(Boolean).join(',');
  const api = await startApi({ ...overrides, ALLOWED_ORIGINS: allowed }, parts);
  await api.app.listen(port, '127.0.0.1');
  const browser = await launchBrowser();
  return {
    api,
    browser,
    base,
    async tab(locale = 'zh-CN', viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ locale, viewport });
      await context.addInitScript(RECORD_CSP_VIOLATIONS);
      return { context, page: await context.newPage() };
    },
    async visit(page, path, shot) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.headers()['content-type']).toContain('text/html');
      await expectSoundPage(page, shot);
    },
    async signIn(page, email, next = '/') {
      await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await page.click('form[action="/sign-in"] button[type=submit]');
      await page.waitForURL(`${base}${next}`);
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/** The page as it stands (after a form was sent, say): screenshot, accessibility, no stack. */
export async function expectSoundPage(page: Page, shot: string): Promise<void> {
  await snap(page, shot);
  expect(await seriousViolations(page)).toEqual([]);
  // Everything the page loads is allowed by its content security policy.
  expect(await cspViolations(page)).toEqual([]);
  expect(await page.content()).not.toMatch(/at .+\.ts:\d+|Error: /);
}
