import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { snap } from 'test/support/browser';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Viewport = { width: number; height: number };
const PHONE: Viewport = { width: 390, height: 844 };
const DESK: Viewport = { width: 1366, height: 900 };

/** The demo's accounts (scripts/seed-demo.ts), who use the pages every day. */
const ORGANIZER = { email: 'organizer@duijie.demo', password: 'demo-organizer-2026' };
const EXPERT = { email: 'expert@duijie.demo', password: 'demo-expert-2026' };
const ENTERPRISE = { email: 'enterprise@duijie.demo', password: 'demo-enterprise-2026' };
const EXPERT_PAGES = [
  '/expert',
  '/expert/results',
  '/expert/roadshows',
  '/expert/docking',
  '/expert/agenda',
  '/expert/deals',
  '/account',
  '/account/expert-profile',
];
const ENTERPRISE_PAGES = [
  '/enterprise',
  '/enterprise/needs',
  '/enterprise/registrations',
  '/enterprise/docking',
  '/enterprise/deals',
  '/account',
];

/**
 * The walk of the everyday path, on the demo's living platform: every page an organizer,
 * an expert, an enterprise and a visitor opens fits a 390 px phone in both languages (its tables
 * stacked as cards, each cell under its column's name), and the deals board at 1366 px brings
 * every stage into view, 已落地 and 已终止 included. Every bullet of the issue, in both languages
 * at both widths, is walked by web-issue-walk-desk; web-desk, web-door, web-figures, web-console
 * and web-program go deeper into each.
 */
describe('the issue walk: phones and the deals board', () => {
  let web: WebHarness;
  let base: string;
  /** An event of each kind, by its id: screenshots are named by kind, not by a random id. */
  let kindOf: Map<string, string>;

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    base = web.base;
    const seeded = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join('scripts', 'seed-demo.ts'),
      ],
      { cwd: join(__dirname, '..', '..'), env: process.env, encoding: 'utf8', timeout: 150_000 },
    );
    expect(seeded.stderr).toBe('');
    expect(seeded.status).toBe(0);
    // An event of each kind the demo holds, with the pages its console offers.
    const events = await web.api.dataSource.query<{ id: string; kind: string }[]>(
      `SELECT id, kind FROM (SELECT DISTINCT ON (kind) id, kind, (
           (SELECT count(*) FROM docking_meeting m WHERE m.event_id = event.id) * 100 +
           (SELECT count(*) FROM registration r WHERE r.event_id = event.id)) AS fullness
         FROM event WHERE status <> 'draft' ORDER BY kind, fullness DESC, starts_at) fullest
       ORDER BY fullness DESC`,
    );
    kindOf = new Map(events.map(({ id, kind }) => [id, kind]));
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  const signIn = async (page: Page, account: { email: string; password: string }) => {
    await page.goto(`${base}/sign-in?next=%2F`);
    await page.fill('#email', account.email);
    await page.fill('#password', account.password);
    await page.click('form[action="/sign-in"] button[type=submit]');
    await page.waitForURL(`${base}/`);
  };

  /** Every body cell of a data table whose column has a name carries it as `data-label`. */
  const unlabelledCells = (page: Page) =>
    page.evaluate(() => {
      const missing: string[] = [];
      for (const table of Array.from(document.querySelectorAll('table.data'))) {
        const heads = Array.from(table.querySelectorAll('thead th')).map((th) =>
          th.textContent!.trim(),
        );
        for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
          Array.from(row.children).forEach((cell, column) => {
            if (cell.hasAttribute('colspan') || !heads[column]) return;
            if (cell.getAttribute('data-label') !== heads[column].replace(/\s+/g, ' '))
              missing.push(`${heads[column]}: ${cell.textContent!.trim().slice(0, 40)}`);
          });
        }
      }
      return missing;
    });

  /** What stands out of a 390 px screen: the page's width and what reaches past its right edge. */
  const overflow = (page: Page) =>
    page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      sticking: Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`),
    }));

  /** Pages that do not fit the phone, or whose tables lost their column names, with what is wrong. */
  let unfit: { path: string; width: number; sticking: string[]; unlabelled: string[] }[];

  /** Opens a page on the phone: sound (axe, CSP); notes if it is wider than the screen or a card lacks its labels. */
  const onPhone = async (page: Page, path: string, shot: string, status = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status });
    await expectSoundPage(page, shot);
    const { width, sticking } = await overflow(page);
    const unlabelled = await unlabelledCells(page);
    if (width > PHONE.width || unlabelled.length) unfit.push({ path, width, sticking, unlabelled });
    const cards = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table.data tbody tr')).map(
        (tr) => getComputedStyle(tr).display,
      ),
    );
    expect({ path, rows: cards.filter((display) => display !== 'block') }).toEqual({
      path,
      rows: [],
    });
    return cards.length;
  };

  /** The organizer's pages: dashboard, events, each kind of event's own pages (as its console offers them), deals, statistics, team. */
  let organizerPaths: string[] | undefined;
  const organizerPages = async () => {
    if (organizerPaths) return organizerPaths;
    const paths = [
      '/console',
      '/console/events',
      '/console/events?when=past',
      '/console/deals',
      '/console/statistics',
      '/console/statistics/schedules',
      '/console/backfills',
      '/console/team',
      '/account',
    ];
    const { context, page } = await web.tab('zh-CN', DESK);
    try {
      await signIn(page, ORGANIZER);
      // Each of an event's pages once, from the fullest event that offers it (kinds' tabs: web-console).
      const sections = new Set<string>();
      for (const id of kindOf.keys()) {
        await page.goto(`${base}/console/events/${id}`);
        if (!sections.has('')) paths.push(`/console/events/${id}`);
        sections.add('');
        for (const href of await page
          .locator('.console-nav a[href^="/console/events/"]')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
          const section = href.split('/')[4] ?? '';
          if (sections.has(section)) continue;
          sections.add(section);
          paths.push(href);
        }
      }
    } finally {
      await context.close();
    }
    for (const section of ['registrations', 'invitations', 'agenda', 'docking', 'statistics'])
      expect(paths.some((path) => path.endsWith(`/${section}`))).toBe(true);
    return (organizerPaths = paths);
  };

  /** `/console/events/<id>/agenda` is shot as `-console-events-<kind>-agenda`. */
  const shotName = (path: string) =>
    path.replace(/[0-9a-f-]{36}/, (id) => kindOf.get(id) ?? 'event').replace(/\W+/g, '-');

  const walk = async (
    locale: PageLocale,
    who: string,
    account: { email: string; password: string } | undefined,
    paths: string[],
  ) => {
    const { context, page } = await web.tab(locale, PHONE);
    let cards = 0;
    try {
      if (account) await signIn(page, account);
      for (const path of paths)
        cards += await onPhone(page, path, `walk-${locale}-${who}${shotName(path)}`);
    } finally {
      await context.close();
    }
    return cards;
  };

  it.each(['zh-CN', 'en'] as const)(
    'fits every page of the everyday path on a 390 px phone in %s, tables as labelled cards',
    async (locale) => {
      unfit = [];
      const organizerPaths = await organizerPages();
      let cards = await walk(locale, 'organizer', ORGANIZER, organizerPaths);
      cards += await walk(locale, 'expert', EXPERT, EXPERT_PAGES);
      cards += await walk(locale, 'enterprise', ENTERPRISE, ENTERPRISE_PAGES);
      const [open] = await web.api.dataSource.query<{ id: string }[]>(
        `SELECT id FROM event WHERE status = 'registration_open' AND visibility = 'public' LIMIT 1`,
      );
      cards += await walk(locale, 'visitor', undefined, [
        '/',
        '/activities',
        `/activities/${open.id}`,
        `/activities/${open.id}/register`,
        '/results',
        '/sign-in',
        '/sign-up',
        '/privacy',
      ]);
      // An address nobody knows is a page too, fitting the phone.
      const lost = await web.tab(locale, PHONE);
      try {
        await onPhone(lost.page, '/no-such-page', `walk-${locale}-not-found`, 404);
      } finally {
        await lost.context.close();
      }
      expect(unfit).toEqual([]);
      // The walk met real tables, not empty pages: the demo fills them.
      expect(cards).toBeGreaterThan(20);
    },
    300_000,
  );

  it('brings every column of the deals board into view at 1366 px, 已落地 and 已终止 included', async () => {
    const { context, page } = await web.tab('zh-CN', DESK);
    try {
      await signIn(page, ORGANIZER);
      await web.visit(page, '/console/deals', 'walk-deals-board-1366');
      // The page itself never scrolls sideways: the board does, inside it.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(DESK.width);
      const stages = await page.locator('.board-stages a').allTextContents();
      expect(stages.map((stage) => stage.replace(/\s*\(\d+\)$/, ''))).toEqual([
        '意向',
        '已联系',
        '洽谈中',
        '已签约',
        '已落地',
        '已终止',
      ]);
      const board = await page.locator('.board').boundingBox();
      for (const [n, stage] of [
        'intent',
        'contacted',
        'negotiating',
        'signed',
        'landed',
        'dropped',
      ].entries()) {
        await page.click(`.board-stages a[href="#stage-${stage}"]`);
        const column = page.locator('.board-column').nth(n);
        await page.waitForFunction((s) => {
          const c = document.getElementById(`stage-${s}`)!.closest('.board-column')!;
          const r = c.getBoundingClientRect();
          return (
            r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.top < window.innerHeight
          );
        }, stage);
        const box = (await column.boundingBox())!;
        // Wholly inside the board's visible part, its heading readable.
        expect(box.x).toBeGreaterThanOrEqual(board!.x - 1);
        expect(box.x + box.width).toBeLessThanOrEqual(board!.x + board!.width + 1);
        await snap(page, `walk-deals-board-1366-${stage}`);
      }
      // The last column reached shows its heading and count in full.
      await expect(page.locator('#stage-dropped').isVisible()).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });
  /** Every row of the tables a destructive action could touch, as one digest: any change shows. */
  const fingerprint = async () => {
    const digests: Record<string, string> = {};
    for (const table of [
      'event',
      'registration',
      'invitation',
      'docking_meeting',
      'roadshow_call',
      'roadshow',
      'research_result',
      'technical_need',
      'agenda_item',
      'deal',
      'intent',
      'membership',
      'backfill',
      'report_schedule',
    ]) {
      const [{ digest }] = await web.api.dataSource.query<{ digest: string }[]>(
        `SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      digests[table] = digest;
    }
    return digests;
  };

  /** The pages (by role) that offer a destructive action, found on the first walk, kept for the others. */
  const withDanger = new Map<string, string[]>();

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', DESK],
    ['en', PHONE],
    ['en', DESK],
    ['zh-CN', PHONE],
  ])(
    'asks first, on a page of its own, before every destructive action (%s, %o), and does nothing until confirmed',
    async (locale, viewport) => {
      const before = await fingerprint();
      const asked = new Set<string>();
      const roles: [string, { email: string; password: string }, string[]][] = [
        ['organizer', ORGANIZER, await organizerPages()],
        ['expert', EXPERT, EXPERT_PAGES],
        ['enterprise', ENTERPRISE, ENTERPRISE_PAGES],
      ];
      const width = viewport.width === PHONE.width ? 'phone' : 'desk';
      for (const [who, account, paths] of roles) {
        const { context, page } = await web.tab(locale, viewport);
        try {
          await signIn(page, account);
          const found: string[] = [];
          for (const path of withDanger.get(who) ?? paths) {
            await page.goto(`${base}${path}`);
            const actions = await page
              .locator('form[method="post"]:has(button.danger)')
              .evaluateAll((forms) => forms.map((form) => form.getAttribute('action')!));
            if (actions.length) found.push(path);
            for (const action of actions) {
              // One of each kind of action: the same move on another row asks the same way.
              const kind = action.replace(/[0-9a-f-]{36}/g, ':id');
              if (asked.has(kind)) continue;
              asked.add(kind);
              await page.goto(`${base}${path}`);
              await Promise.all([
                page.waitForNavigation(),
                page
                  .locator(`form[action="${action}"]:has(button.danger)`)
                  .first()
                  .evaluate((form: HTMLFormElement) => {
                    // What the action needs typed (a reason, say), so that only the question stops it.
                    for (const box of Array.from(
                      form.querySelectorAll('input[type=text], textarea'),
                    ))
                      if (!(box as HTMLInputElement).value)
                        (box as HTMLInputElement).value = '测试';
                    form.requestSubmit(form.querySelector<HTMLButtonElement>('button.danger'));
                  }),
              ]);
              const shot = `walk-${locale}-${width}-ask-${who}${shotName(kind.replace(/:id/g, ''))}`;
              await expectSoundPage(page, shot);
              expect({ kind, heading: await page.locator('h1').textContent() }).toEqual({
                kind,
                heading: locale === 'en' ? 'Please confirm' : '请确认',
              });
              // "No" goes back to a page, nothing done.
              const back = await page.locator('.confirm a').getAttribute('href');
              const answer = await page.goto(`${base}${back}`);
              expect({ kind, back, status: answer?.status() }).toEqual({ kind, back, status: 200 });
            }
          }
          if (!withDanger.has(who)) withDanger.set(who, found);
        } finally {
          await context.close();
        }
      }
      // The organizer's destructive moves on the demo's pages, each met (the event's cancelling
      // posts to its status; cancelling a registration or a meeting, closing a call and
      // withdrawing a result are walked by web-console, web-program and web-portals).
      expect([...asked].sort()).toEqual(
        expect.arrayContaining([
          '/console/backfills/:id/undo',
          '/console/events/:id/invitations/:id/revoke',
          '/console/events/:id/status',
          '/console/statistics/schedules/:id/stop',
          '/console/team/:id/members/:id/remove',
        ]),
      );
      await expect(fingerprint()).resolves.toEqual(before);
    },
    120_000,
  );
});
