import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MembershipRole, Role } from 'src/identity/roles';
import { TestUser as User } from 'test/support/factories';
import { Registration } from 'src/registrations/registration.entity';
import { StatisticsService } from 'src/stats/statistics.service';
import { TestApi } from 'test/support/app';
import { createUser, tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { IdMap } from 'test/support/openapi-walk';

export interface Person {
  user: User;
  token: string;
}

/** The people of an organizing centre: its team by role and the members it counts as its own. */
export interface People {
  manager: Person;
  staff: Person;
  reviewer: Person;
  viewer: Person;
  /** A member of the centre who publishes results (platform role expert). */
  expert: Person;
  /** A member of the centre who posts needs (platform role enterprise). */
  enterprise: Person;
}

/** What one tenant's fixtures made: every id by resource name and what only its insiders know. */
export interface Tenant {
  label: string;
  organization: Organization;
  people: People;
  ids: IdMap;
  /** The ids anyone may see (public events, published catalog entries, the centre itself…). */
  publicIds: Set<string>;
  /** Every id the fixtures made, public or not. */
  allIds: Set<string>;
  /** Texts and ids only the centre's insiders may read (closed-door titles, contacts, amounts…). */
  secrets: string[];
  /** A's event ids by kind, for the named assertions. */
  events: { public: string; closed: string; draft: string; live: string };
}

const day = (d: number, time: string) => `2027-04-${String(d).padStart(2, '0')}T${time}:00+08:00`;

/**
 * An organizing centre below `parent` with its team, its members and, made through the API as its
 * manager and members (the database only where the API has no way), the records of every feature.
 */
export async function buildTenant(
  api: TestApi,
  label: string,
  parent: Organization,
  seq: number,
): Promise<Tenant> {
  const ds = api.app.get(DataSource);
  const organization = await ds.getRepository(Organization).save({
    name: `${label}区生产力促进中心`,
    parentId: parent.id,
    kind: 'service_agency',
    region: '四川省成都市',
    industryFields: [],
    creditCode: null,
  });
  const person = async (roles: Role[], role: MembershipRole, name: string) => {
    const user = await createUser(ds, {
      roles,
      name,
      email: `${label.toLowerCase()}-${role}-${randomUUID().slice(0, 6)}@example.cn`,
    });
    await ds
      .getRepository(Membership)
      .save({ userId: user.id, organizationId: organization.id, title: null, role });
    return { user, token: await tokenFor(api.app, user) };
  };
  const people: People = {
    manager: await person(['organizer'], 'manager', `${label}区主任`),
    staff: await person(['organizer'], 'staff', `${label}区工作人员`),
    reviewer: await person(['organizer'], 'reviewer', `${label}区评审`),
    viewer: await person(['organizer'], 'viewer', `${label}区观察员`),
    expert: await person(['expert'], 'member', `${label}区专家`),
    enterprise: await person(['enterprise'], 'member', `${label}区企业代表`),
  };
  const ids: IdMap = {};
  const publicIds = new Set<string>();
  const secrets: string[] = [];
  const add = (resource: string, id: string, visibility: 'public' | 'secret') => {
    ids[resource] = [...(ids[resource] ?? []), id];
    if (visibility === 'public') publicIds.add(id);
    else secrets.push(id);
    return id;
  };
  const secret = (text: string) => {
    secrets.push(text);
    return text;
  };
  add('organizations', organization.id, 'public');
  for (const p of [people.manager, people.staff, people.reviewer, people.viewer]) {
    add('users', p.user.id, 'secret');
    secret(p.user.email);
  }
  add('users', people.expert.user.id, 'public');
  // Members publish in the catalog under their own id: the owners of public entries are known.
  add('users', people.enterprise.user.id, 'public');
  secret(people.expert.user.email);
  secret(people.enterprise.user.email);

  const call = async (
    who: Person | null,
    method: 'get' | 'post' | 'put' | 'patch',
    path: string,
    body?: unknown,
  ): Promise<{ id: string } & Record<string, unknown>> => {
    let request = api.http[method](path);
    if (who) request = request.set(bearer(who.token));
    const response = await request.send(body as object);
    if (response.status >= 300)
      throw new Error(`${label}: ${method} ${path} → ${response.status} ${response.text}`);
    return response.body as { id: string };
  };
  const manager = people.manager;
  const event = async (fields: Record<string, unknown>, statuses: string[]) => {
    const { id } = await call(manager, 'post', '/api/events', {
      organizationId: organization.id,
      format: 'offline',
      venueAddress: '成都市高新区天府大道北段 1700 号',
      ...fields,
    });
    for (const status of statuses)
      await call(manager, 'post', `/api/events/${id}/status`, { status });
    return id;
  };

  // Series and events.
  const series = add(
    'series',
    (
      await call(manager, 'post', '/api/series', {
        organizationId: organization.id,
        name: `${label}区校企双进`,
      })
    ).id,
    'public',
  );
  add(
    'series',
    (
      await call(manager, 'post', '/api/series', {
        organizationId: organization.id,
        name: secret(`${label}区筹备中系列`),
      })
    ).id,
    'secret',
  );
  const publicEvent = add(
    'events',
    await event(
      {
        seriesId: series,
        kind: 'roadshow',
        visibility: 'public',
        title: `${label}区新材料成果路演`,
        startsAt: day(10 + seq, '09:00'),
        endsAt: day(10 + seq, '17:00'),
      },
      ['published', 'registration_open'],
    ),
    'public',
  );
  const closed = add(
    'events',
    await event(
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        title: secret(`${label}区闭门精准对接会`),
        startsAt: day(20 + seq, '09:00'),
        endsAt: day(20 + seq, '17:00'),
      },
      ['published'],
    ),
    'secret',
  );
  const draft = add(
    'events',
    await event(
      {
        kind: 'salon',
        visibility: 'public',
        title: secret(`${label}区草稿沙龙`),
        startsAt: day(24 + seq, '14:00'),
        endsAt: day(24 + seq, '17:00'),
      },
      [],
    ),
    'secret',
  );
  const liveEvent = add(
    'events',
    await event(
      {
        kind: 'cloud_docking',
        format: 'online',
        visibility: 'public',
        title: `${label}区云对接直播`,
        startsAt: day(1 + seq, '09:00'),
        endsAt: day(1 + seq, '18:00'),
      },
      ['published', 'registration_open'],
    ),
    'public',
  );

  // An event already held (concluded), so that the centre has figures to roll up.
  const held = add(
    'events',
    await event(
      {
        kind: 'salon',
        visibility: 'public',
        title: `${label}区已举办沙龙`,
        startsAt: '2026-10-20T14:00:00+08:00',
        endsAt: '2026-10-20T17:00:00+08:00',
      },
      ['published', 'live', 'concluded'],
    ),
    'public',
  );

  // The catalog: the members' published entries and what is theirs only.
  const { expert, enterprise } = people;
  add(
    'experts',
    (
      await call(expert, 'put', '/api/experts/me', {
        institutionName: `${label}区理工大学`,
        fields: ['新材料'],
        keywords: ['石墨烯'],
      })
    ).id,
    'public',
  );
  const result = add(
    'results',
    (
      await call(expert, 'post', '/api/results', {
        title: `${label}区石墨烯导热膜`,
        summary: '高导热',
        fields: ['新材料'],
        keywords: ['石墨烯'],
        readinessLevel: 6,
        institutionName: `${label}区理工大学`,
        published: true,
      })
    ).id,
    'public',
  );
  add(
    'results',
    (
      await call(expert, 'post', '/api/results', {
        title: secret(`${label}区未发布成果`),
        summary: '未发布',
        readinessLevel: 3,
        institutionName: `${label}区理工大学`,
      })
    ).id,
    'secret',
  );
  const need = add(
    'needs',
    (
      await call(enterprise, 'post', '/api/needs', {
        title: `${label}区高温密封需求`,
        description: '耐高温密封材料',
        fields: ['新材料'],
        keywords: ['石墨烯'],
        enterpriseName: `${label}区密封科技有限公司`,
        published: true,
      })
    ).id,
    'public',
  );
  const internalNeed = add(
    'needs',
    (
      await call(enterprise, 'post', '/api/needs', {
        title: secret(`${label}区内部评估需求`),
        description: '内部',
        fields: ['新材料'],
        enterpriseName: `${label}区密封科技有限公司`,
        confidentiality: 'organizers_only',
        published: true,
      })
    ).id,
    'secret',
  );

  // Registrations (a guest and a member) and a check-in.
  const guest = await call(null, 'post', `/api/events/${publicEvent}/registrations`, {
    acceptPrivacy: true,
    sector: 'industry',
    name: secret(`${label}区报名人王五`),
    email: secret(`wangwu-${label.toLowerCase()}-${seq}@example.cn`),
    mobile: secret(`1380000${String(seq).padStart(4, '0')}`),
    organizationName: secret(`${label}区报名单位`),
  });
  add('registrations', guest.id, 'secret');
  add(
    'registrations',
    (
      await call(enterprise, 'post', `/api/events/${publicEvent}/registrations`, {
        acceptPrivacy: true,
        sector: 'industry',
      })
    ).id,
    'secret',
  );
  await call(manager, 'post', `/api/events/${publicEvent}/check-ins`, { registrationId: guest.id });

  // An invitation to the closed door, and its participants (as invitations and approval leave them).
  const invited = await call(manager, 'post', `/api/events/${closed}/invitations`, {
    invitees: [
      {
        name: secret(`${label}区受邀人`),
        email: secret(`invitee-${label.toLowerCase()}@example.cn`),
      },
    ],
  });
  void invited;
  const invitations = await call(manager, 'get', `/api/events/${closed}/invitations`);
  for (const row of (invitations as unknown as { items: { id: string }[] }).items)
    add('invitations', row.id, 'secret');
  // An invitee list uploaded as a file: an import job, seen by its uploader only.
  const upload = await api.http
    .post(`/api/events/${closed}/invitations.csv`)
    .set(bearer(manager.token))
    .set('content-type', 'text/csv')
    .send(`姓名,邮箱,界别\n${label}区导入嘉宾,import-${label.toLowerCase()}@example.cn,产\n`);
  if (upload.status !== 202)
    throw new Error(`${label}: invitee upload → ${upload.status} ${upload.text}`);
  add('imports', (upload.body as { id: string }).id, 'secret');
  for (const p of [expert, enterprise])
    add(
      'registrations',
      (
        await ds.getRepository(Registration).save({
          eventId: closed,
          userId: p.user.id,
          name: p.user.name,
          email: p.user.email,
          mobile: null,
          organizationName: null,
          sector: p === expert ? 'academia' : 'industry',
          status: 'confirmed',
          answers: {},
          locale: 'zh-CN',
          confirmedAt: new Date(),
          cancelledAt: null,
          checkInCode: randomUUID().slice(0, 12),
          checkedInAt: null,
          checkedInBy: null,
        })
      ).id,
      'secret',
    );

  // Docking on the closed door: tables, the needs brought, a meeting.
  await call(manager, 'put', `/api/events/${closed}/docking/tables`, { tables: ['1号桌'] });
  await call(enterprise, 'post', `/api/events/${closed}/docking/needs`, { needId: need });
  await call(enterprise, 'post', `/api/events/${closed}/docking/needs`, { needId: internalNeed });
  add(
    'meetings',
    (
      await call(enterprise, 'post', `/api/events/${closed}/docking/meetings`, {
        counterpartId: expert.user.id,
        needId: need,
        startsAt: day(20 + seq, '10:00'),
        endsAt: day(20 + seq, '10:30'),
        note: secret(`${label}区洽谈备注`),
      })
    ).id,
    'secret',
  );

  // A roadshow call on the public event, a submission and its review.
  await call(manager, 'put', `/api/events/${publicEvent}/roadshow-call`, {
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: day(5, '00:00'),
    fields: ['新材料'],
  });
  const roadshow = add(
    'roadshows',
    (
      await call(expert, 'post', `/api/events/${publicEvent}/roadshows`, {
        resultId: result,
        abstract: secret(`${label}区路演摘要`),
      })
    ).id,
    'secret',
  );
  await call(manager, 'post', `/api/roadshows/${roadshow}/reviewers`, {
    reviewerIds: [people.reviewer.user.id],
  });
  await call(people.reviewer, 'post', `/api/roadshows/${roadshow}/review`, {
    score: 4,
    comment: secret(`${label}区评审意见`),
  });

  // The agenda of the public event and the live session of the live one.
  add(
    'agenda',
    (
      await call(manager, 'post', `/api/events/${publicEvent}/agenda`, {
        kind: 'roadshow',
        title: `${label}区路演环节`,
        startsAt: day(10 + seq, '10:00'),
        endsAt: day(10 + seq, '10:30'),
        presenterIds: [expert.user.id],
      })
    ).id,
    'public',
  );
  await call(manager, 'post', `/api/events/${publicEvent}/agenda/publish`);
  add(
    'agenda',
    (
      await call(manager, 'post', `/api/events/${closed}/agenda`, {
        kind: 'opening',
        title: secret(`${label}区闭门开场`),
        startsAt: day(20 + seq, '09:00'),
        endsAt: day(20 + seq, '09:30'),
      })
    ).id,
    'secret',
  );
  add(
    'sessions',
    (await call(manager, 'post', '/api/live/sessions', { eventId: liveEvent })).id,
    'public',
  );

  // A match the centre's manager confirmed, a challenge with a bid, an intent.
  add(
    'matches',
    (
      await call(manager, 'post', '/api/matches', {
        needId: need,
        resultId: result,
        decision: 'confirmed',
      })
    ).id,
    'secret',
  );
  const challenge = add(
    'challenges',
    (
      await call(enterprise, 'post', '/api/challenges', {
        title: `${label}区揭榜难题`,
        description: '耐 300℃ 密封',
        enterpriseName: `${label}区密封科技有限公司`,
        awardFen: 50_000_000,
        deadline: day(28, '00:00'),
        eventId: publicEvent,
        published: true,
      })
    ).id,
    'public',
  );
  add(
    'challenge-bids',
    (
      await call(expert, 'post', `/api/challenges/${challenge}/bids`, {
        institutionName: `${label}区理工大学`,
        proposal: secret(`${label}区投标方案`),
      })
    ).id,
    'secret',
  );
  add(
    'intents',
    (
      await call(enterprise, 'post', '/api/intents', {
        enterpriseName: `${label}区密封科技有限公司`,
        resultId: result,
        eventId: publicEvent,
        note: secret(`${label}区意向备注`),
      })
    ).id,
    'secret',
  );

  // A deal of the public event, its check-in and a follow-up task.
  const dealFen = 987_650_000 + seq;
  secret(String(dealFen));
  const deal = add(
    'deals',
    (
      await call(manager, 'post', '/api/deals', {
        enterpriseName: secret(`${label}区签约企业有限公司`),
        institutionName: `${label}区理工大学`,
        type: 'license',
        contractValueFen: dealFen,
        signedOn: '2026-10-20',
        eventId: held,
      })
    ).id,
    'secret',
  );
  await call(manager, 'post', `/api/deals/${deal}/check-ins`, {
    months: 3,
    landed: false,
    receivedFen: 1_000_000,
    outputValueFen: 0,
    note: secret(`${label}区回访记录`),
  });
  add(
    'follow-up-tasks',
    (
      await call(manager, 'post', '/api/follow-up-tasks', {
        dealId: deal,
        ownerId: people.staff.user.id,
        title: secret(`${label}区跟踪任务`),
        dueOn: '2027-05-01',
      })
    ).id,
    'secret',
  );

  await api.app.get(StatisticsService).compile([publicEvent, closed, liveEvent, held]);
  const allIds = new Set(Object.values(ids).flat());
  return {
    label,
    organization,
    people,
    ids,
    publicIds,
    allIds,
    secrets,
    events: { public: publicEvent, closed, draft, live: liveEvent },
  };
}
