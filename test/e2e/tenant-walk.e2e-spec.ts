import { Logger } from '@nestjs/common';
import * as policy from 'src/access/policy';
import { Organization } from 'src/identity/organization.entity';
import { Membership } from 'src/identity/membership.entity';
import { startApi, TestApi } from 'test/support/app';
import { createUser, tokenFor } from 'test/support/factories';
import { FakeMediaAdapter } from 'test/support/fake-media';
import {
  OpenApiDocument,
  Operation,
  operationsOf,
  RequestBuilder,
  WalkRequest,
} from 'test/support/openapi-walk';
import { resetState } from 'test/support/state';
import { buildTenant, Person, Tenant } from 'test/support/tenant-fixtures';
import { inParallel, Outcome, reachedDecision, secretsIn, send } from 'test/support/walker';

/**
 * Operations another tenant may answer with 2xx on A's things, because they are public by design —
 * and only when every A id the request names is a public one (a public event, a published catalog
 * entry, the centre itself). Even then the response must carry none of A's secrets.
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  'GET /api/events/{id}': 'a public event’s page is the invitation to everyone',
  'GET /api/events/{id}/calendar.ics': 'a public event’s calendar entry, for anyone who may see it',
  'GET /api/events/{id}/agenda': 'a public event’s published agenda is part of its page',
  'GET /api/events/{id}/agenda.ics': 'the same agenda as a calendar',
  'GET /api/events/{id}/roadshow-call': 'an open call for roadshows is how experts hear of it',
  'GET /api/events/{id}/co-hosts':
    'a public event’s co-hosts are named on its registration form (each asks its own consent)',
  'GET /api/events/{id}/live-sessions': 'the public live sessions are for the public audience',
  'GET /api/events/{id}/roadshows':
    'a public event’s roadshows list shows an outsider only their own submissions (none of A’s)',
  'GET /api/live/sessions/{id}': 'a public event’s live session is watched by anyone',
  'GET /api/live/sessions/{id}/questions': 'the approved questions are shown to the whole audience',
  'POST /api/events/{id}/registrations': 'anyone may register for a public event (their own seat)',
  'POST /api/events/{id}/registration-link':
    'anyone may ask for their registration’s link again (sent only to the address registered; the same 202 for any address)',
  'GET /api/series/{id}': 'a series with a public event is shown with it',
  'GET /api/organizations/{id}': 'the organizing centre is named on its public events',
  'GET /api/results/{id}': 'a published result is in the public catalog',
  'GET /api/needs/{id}': 'a published need is in the public catalog',
  'GET /api/experts/{id}': 'an expert’s profile is in the public catalog',
  'GET /api/challenges/{id}': 'a published challenge (揭榜挂帅) is posted for every institution',
  'GET /api/challenges/{id}/bids':
    'a published challenge’s bids list shows an outsider only their own bids (none of A’s)',
  'POST /api/challenges/{id}/bids':
    'any institution may bid on a published challenge (its own bid)',
};

/**
 * Reads that are not A's records but rankings computed over the whole public catalog (suggested
 * experts, results and needs), which the walk's own people add to: left out of the comparison.
 */
const RANKED_OVER_THE_CATALOG = new Set([
  'GET /api/events/{id}/docking/suggestions',
  'GET /api/needs/{id}/matches',
  'GET /api/results/{id}/matches',
]);

interface Violation {
  who: string;
  key: string;
  url: string;
  status: number;
  why: string;
}

describe('two tenants walked through every operation of the OpenAPI document', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let city: Organization;
  let cityViewer: Person;
  let a: Tenant;
  let b: Tenant;
  const reached = new Map<string, boolean>();
  const sent = { requests: 0, past: 0 };
  let before: Map<string, unknown>;

  /** Every request of the walk over `tenant`'s ids, the caller's own session ended last. */
  function requestsOver(tenant: Tenant): WalkRequest[] {
    const builder = new RequestBuilder(doc, tenant.ids);
    const all = operations.flatMap((op) => builder.requestsFor(op));
    const last = (r: WalkRequest) => (r.op.key === 'POST /api/auth/logout' ? 1 : 0);
    return all.sort((x, y) => last(x) - last(y));
  }

  /** Walks on a session of its own (the walk ends it: logging out is an operation too). */
  async function walk(person: Person, tenant: Tenant): Promise<Outcome[]> {
    const token = await tokenFor(api.app, person.user);
    const requests = requestsOver(tenant);
    const logout = requests.filter((r) => r.op.key === 'POST /api/auth/logout');
    const rest = requests.filter((r) => r.op.key !== 'POST /api/auth/logout');
    const outcomes = await inParallel(rest, 8, (r) => send(api.http, r, token));
    for (const r of logout) outcomes.push(await send(api.http, r, token));
    for (const outcome of outcomes) {
      const key = outcome.request.op.key;
      sent.requests++;
      if (reachedDecision(outcome)) sent.past++;
      reached.set(key, (reached.get(key) ?? false) || reachedDecision(outcome));
    }
    return outcomes;
  }

  const ok = (o: Outcome) => o.status >= 200 && o.status < 300;
  const publicByDesign = (o: Outcome, tenant: Tenant) =>
    o.request.op.key in PUBLIC_BY_DESIGN && o.request.ids.every((id) => tenant.publicIds.has(id));

  /** What another tenant's caller got that they must not: A's things changed or shown. */
  function violationsOf(who: string, outcomes: Outcome[], owner: Tenant): Violation[] {
    const found: Violation[] = [];
    for (const o of outcomes) {
      if (!ok(o)) continue;
      const touches = o.request.ids.some((id) => owner.allIds.has(id));
      const base = { who, key: o.request.op.key, url: o.request.url, status: o.status };
      if (touches && !publicByDesign(o, owner))
        found.push({ ...base, why: `2xx on ${owner.label}’s resource` });
      const shown = secretsIn(o, owner.secrets);
      if (shown.length > 0)
        found.push({ ...base, why: `shows ${owner.label}’s ${shown.slice(0, 3).join(', ')}` });
    }
    return found;
  }

  /** What A's manager reads of every A record (detail operations), to compare after the walks. */
  async function snapshot(): Promise<Map<string, unknown>> {
    const reads = new RequestBuilder(doc, a.ids);
    const requests = operations
      .filter((op) => op.method === 'get' && op.path.includes('{'))
      .filter((op) => !RANKED_OVER_THE_CATALOG.has(op.key))
      .flatMap((op) => reads.requestsFor(op));
    const outcomes = await inParallel(requests, 8, (r) =>
      send(api.http, r, a.people.manager.token),
    );
    return new Map(
      outcomes
        .filter((o) => o.status === 200 && o.json !== undefined && typeof o.json === 'object')
        .map((o) => [`${o.request.op.key} ${o.request.url}`, o.json]),
    );
  }

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    api = await startApi({}, { mediaAdapter: new FakeMediaAdapter() });
    doc = (await api.http.get('/api/docs.json').expect(200)).body as OpenApiDocument;
    operations = operationsOf(doc);
    const ds = api.dataSource;
    city = await ds.getRepository(Organization).save({
      name: '成都市生产力促进中心',
      parentId: null,
      kind: 'service_agency',
      region: '四川省成都市',
      industryFields: [],
      creditCode: null,
    });
    const viewer = await createUser(ds, { roles: ['organizer'], name: '市中心观察员' });
    await ds
      .getRepository(Membership)
      .save({ userId: viewer.id, organizationId: city.id, title: null, role: 'viewer' });
    cityViewer = { user: viewer, token: await tokenFor(api.app, viewer) };
    a = await buildTenant(api, 'A', city, 0);
    b = await buildTenant(api, 'B', city, 1);
    before = await snapshot();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const ROLES = ['manager', 'staff', 'reviewer', 'viewer', 'expert', 'enterprise'] as const;

  for (const role of ROLES)
    it(`as B’s ${role}: no 2xx on A’s things but what is public, and no list shows A’s rows`, async () => {
      const outcomes = await walk(b.people[role], a);
      expect(violationsOf(`B ${role}`, outcomes, a)).toEqual([]);
    });

  it('as the city’s viewer: reads both districts’ figures and changes nothing of theirs', async () => {
    for (const district of [a, b]) {
      const outcomes = await walk(cityViewer, district);
      const changes = outcomes.filter(
        (o) =>
          ok(o) &&
          o.request.op.method !== 'get' &&
          o.request.ids.some((id) => district.allIds.has(id)) &&
          !publicByDesign(o, district),
      );
      expect(
        changes.map((o) => ({
          who: 'city viewer',
          key: o.request.op.key,
          url: o.request.url,
          status: o.status,
          why: `changes ${district.label}’s things`,
        })),
      ).toEqual([]);
      for (const id of [district.events.public, district.events.closed])
        await api.http
          .get(`/api/events/${id}/statistics`)
          .set({ authorization: `Bearer ${cityViewer.token}` })
          .expect(200);
    }
    const rollup = await api.http
      .get('/api/statistics?by=organization')
      .set({ authorization: `Bearer ${cityViewer.token}` })
      .expect(200);
    const keys = (rollup.body.groups as { key: string }[]).map((g) => g.key).sort();
    expect(keys).toEqual([a.organization.name, b.organization.name].sort());
  });

  it('leaves A’s records as they were after every walk', async () => {
    const after = await snapshot();
    const changed: string[] = [];
    for (const [key, value] of before) {
      if (!after.has(key)) changed.push(`${key}: no longer readable`);
      else if (
        JSON.stringify(comparable(value, after.get(key))) !== JSON.stringify(stripped(value))
      )
        changed.push(key);
    }
    expect(changed).toEqual([]);
  });

  it('got past input validation on most operations (the walk reaches the access decisions)', () => {
    const walked = operations.length;
    const past = operations.filter((op) => reached.get(op.key)).length;
    const short = operations.filter((op) => !reached.get(op.key)).map((op) => op.key);
    process.stdout.write(
      `tenant walk: ${walked} operations, ${past} (${Math.round((100 * past) / walked)} %) reached the access decision (${sent.past} of ${sent.requests} requests); not reached: ${short.join(' · ')}\n`,
    );
    expect(past / walked).toBeGreaterThanOrEqual(0.8);
  });

  it('control: with the scope filter switched off, the walk finds leaks', async () => {
    const scope = jest.spyOn(policy, 'scopeOf').mockReturnValue('all');
    const holds = jest.spyOn(policy, 'holds').mockReturnValue(true);
    try {
      const outcomes = await walk(b.people.manager, a);
      const leaks = violationsOf('B manager (control)', outcomes, a);
      process.stdout.write(`tenant walk control: ${leaks.length} leaks found with the scope off\n`);
      expect(leaks.length).toBeGreaterThan(0);
    } finally {
      scope.mockRestore();
      holds.mockRestore();
    }
  });
});

/**
 * Keys that change when others use A's public things as designed (a seat taken by a registration,
 * an audience count, a list's total): not A's records changing.
 */
const VOLATILE = new Set([
  'total',
  'registered',
  'confirmed',
  'seatsTaken',
  'seatsLeft',
  'waitlisted',
]);

function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, stripped(v)]),
    );
  return value;
}

const idOf = (item: unknown) =>
  item && typeof item === 'object' && 'id' in item ? item.id : undefined;

/** `after` trimmed to the rows `before` had (rows others added by public means are theirs). */
function comparable(before: unknown, after: unknown): unknown {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every((x) => idOf(x) !== undefined)) {
      const rows = new Map(after.map((x) => [idOf(x), x]));
      return before.map((x) => comparable(x, rows.get(idOf(x))));
    }
    return after.map((x, i) => comparable(before[i], x));
  }
  if (before && after && typeof before === 'object' && typeof after === 'object')
    return Object.fromEntries(
      Object.entries(after)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, comparable((before as Record<string, unknown>)[k], v)]),
    );
  return stripped(after);
}
