import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword } from 'src/identity/password';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MembershipRole } from 'src/identity/roles';
import { Role } from 'src/identity/roles';
import { Session } from 'src/identity/session.entity';
import { User } from 'src/identity/user.entity';
import { Registration } from 'src/registrations/registration.entity';

export const PASSWORD = 'correct-horse-42';

/** An account with an e-mail address, as the tests' users are. */
export type TestUser = User & { email: string };

/**
 * A user straight in the database with a verified e-mail address, for tests that are not about
 * sign-up (`verified: false` leaves the address unproved, as a fresh sign-up does).
 */
export async function createUser(
  dataSource: DataSource,
  fields: { roles?: Role[]; email?: string; name?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const user = dataSource.getRepository(User).create({
    name: fields.name ?? '测试用户',
    email: fields.email ?? `user-${randomUUID()}@example.cn`,
    mobile: null,
    emailVerifiedAt: fields.verified === false ? null : new Date(),
    mobileVerifiedAt: null,
    disabledAt: null,
    locale: 'zh-CN',
    roles: fields.roles ?? [],
    passwordHash: await hashPassword(PASSWORD),
  });
  return (await dataSource.getRepository(User).save(user)) as TestUser;
}

/** Signs in through the API and returns the bearer token. */
export async function signIn(http: TestAgent, email: string, password = PASSWORD): Promise<string> {
  const response = await http.post('/api/auth/login').send({ email, password }).expect(200);
  return (response.body as { token: string }).token;
}

/** A signed-in user with the given roles: the user and a bearer token. */
export async function signedIn(
  http: TestAgent,
  dataSource: DataSource,
  roles: Role[] = [],
): Promise<{ user: TestUser; token: string }> {
  const user = await createUser(dataSource, { roles });
  return { user, token: await signIn(http, user.email) };
}

/** A bearer token for `user` on a new session, without the cost of a password check. */
export async function tokenFor(app: INestApplicationContext, user: User): Promise<string> {
  const dataSource = app.get(DataSource);
  const session = await dataSource.getRepository(Session).save({
    userId: user.id,
    expiresAt: new Date(Date.now() + 3600_000),
    revokedAt: null,
    ip: null,
    userAgent: null,
  });
  return app.get(JwtService).signAsync({ sub: user.id, sid: session.id });
}

/**
 * An organization with `user` as a member: its manager when they organize events, else a member
 * (as the platform registers them), or in the role given.
 */
export async function createOrganization(
  dataSource: DataSource,
  member: User,
  fields: Partial<Pick<Organization, 'name' | 'kind' | 'parentId'>> & {
    role?: MembershipRole;
  } = {},
): Promise<Organization> {
  const organizes = member.roles.includes('organizer') || member.roles.includes('admin');
  const role = fields.role ?? (organizes ? 'manager' : 'member');
  const org = await dataSource.getRepository(Organization).save({
    name: fields.name ?? `测试机构 ${randomUUID().slice(0, 8)}`,
    parentId: fields.parentId ?? null,
    kind: fields.kind ?? 'service_agency',
    region: '四川省成都市',
    industryFields: [],
    creditCode: null,
  });
  await dataSource
    .getRepository(Membership)
    .save({ userId: member.id, organizationId: org.id, title: null, role });
  return org;
}

/** A signed-in organizer of a new productivity center. */
export async function signedInOrganizer(
  app: INestApplicationContext,
): Promise<{ user: TestUser; token: string; organization: Organization }> {
  const dataSource = app.get(DataSource);
  const user = await createUser(dataSource, { roles: ['organizer'] });
  const organization = await createOrganization(dataSource, user, {
    name: `生产力促进中心 ${randomUUID().slice(0, 6)}`,
  });
  return { user, organization, token: await tokenFor(app, user) };
}

/**
 * An event of the organizer's organization, moved through `statuses` (by default up to open
 * registration): an offline salon next year unless `fields` say otherwise. Returns its id.
 */
export async function createEvent(
  http: TestAgent,
  organizer: { token: string; organization: Organization },
  fields: Record<string, unknown> = {},
  statuses: string[] = ['published', 'registration_open'],
): Promise<string> {
  const auth = { authorization: `Bearer ${organizer.token}` };
  const { body } = await http
    .post('/api/events')
    .set(auth)
    .send({
      organizationId: organizer.organization.id,
      kind: 'salon',
      format: 'offline',
      visibility: 'public',
      title: '对接沙龙·新材料',
      venueAddress: '成都市高新区天府大道北段 1700 号',
      startsAt: '2027-01-20T14:00:00+08:00',
      endsAt: '2027-01-20T17:00:00+08:00',
      ...fields,
    })
    .expect(201);
  const id = (body as { id: string }).id;
  for (const status of statuses) {
    await http.post(`/api/events/${id}/status`).set(auth).send({ status }).expect(200);
  }
  return id;
}

/** A signed-in user with these roles, on a new session without a password check. */
export async function signedInAs(
  app: INestApplicationContext,
  roles: Role[],
  name?: string,
): Promise<{ user: TestUser; token: string }> {
  const user = await createUser(app.get(DataSource), { roles, name });
  return { user, token: await tokenFor(app, user) };
}

/**
 * A confirmed seat for the person at the event, as an approved registration or accepted invitation
 * leaves it (a closed-door session's participants are such registrants).
 */
export async function seatAt(
  dataSource: DataSource,
  eventId: string,
  person: { user: TestUser },
): Promise<void> {
  await dataSource.getRepository(Registration).insert({
    eventId,
    userId: person.user.id,
    name: person.user.name,
    email: person.user.email,
    mobile: null,
    organizationName: null,
    sector: person.user.roles.includes('expert') ? 'academia' : 'industry',
    status: 'confirmed',
    answers: {},
    locale: 'zh-CN',
    confirmedAt: new Date(),
    cancelledAt: null,
    checkInCode: randomUUID().slice(0, 12),
    checkedInAt: null,
    checkedInBy: null,
  });
}
