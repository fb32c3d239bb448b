// Demo data: the city's productivity centre has two district centres below it, each with its own
// manager, series, event and deal, and the city has a read-only viewer, so that signing in as each
// shows what an organization's team sees: its own events, and (the city) its districts' figures.
// An enterprise brings an organizers-only need to Tianfu's salon: Tianfu's manager reads and
// curates it; the Gaoxin manager does not even find it.
// Tianfu's manager has an open invitation out to a new colleague, and the university's manager (the
// demo expert) has a colleague's request to join waiting for a decision.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asActor, beijing } from 'scripts/demo-support';
import { NeedsService } from 'src/catalog/needs.service';
import { Releases } from 'src/catalog/releases';
import { dayIn } from 'src/common/time';
import { Tx } from 'src/database/tx';
import { DealsService } from 'src/deals/deals.service';
import { EventSeries } from 'src/events/event-series.entity';
import { Event } from 'src/events/event.entity';
import { hashPassword } from 'src/identity/password';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MembershipRequestsService } from 'src/identity/membership-requests.service';
import { MembershipRole } from 'src/identity/roles';
import { TeamInvitationsService } from 'src/identity/team-invitations.service';
import { User } from 'src/identity/user.entity';
import { StatisticsService } from 'src/stats/statistics.service';

export const DISTRICT_PASSWORD = 'demo-district-2026';

interface District {
  organization: string;
  region: string;
  manager: { name: string; email: string; title: string };
  series: string;
  event: { title: string; kind: 'roadshow' | 'salon'; day: number; summary: string };
  deal: { enterpriseName: string; institutionName: string; valueFen: number };
  /** An organizers-only need an enterprise brought to the district's event. */
  need?: { by: string; title: string; description: string; enterpriseName: string };
}

const DISTRICTS: District[] = [
  {
    organization: '成都高新区科技成果转化服务中心',
    region: '四川省成都市高新区',
    manager: { name: '王磊', email: 'gaoxin@duijie.demo', title: '成果转化部部长' },
    series: '高新区·校企双进',
    event: {
      title: '高新区·集成电路专场成果路演',
      kind: 'roadshow',
      day: -40,
      summary: '高新区集成电路企业与高校团队的成果路演与现场签约。',
    },
    deal: {
      enterpriseName: '成都芯联传感科技有限公司',
      institutionName: '电子科技大学',
      valueFen: 2_600_000_000,
    },
  },
  {
    organization: '天府新区生产力促进中心',
    region: '四川省成都市天府新区',
    manager: { name: '赵琳', email: 'tianfu@duijie.demo', title: '科技服务科科长' },
    series: '天府新区·科学家进园区',
    event: {
      title: '天府新区·新能源企业对接沙龙',
      kind: 'salon',
      day: -21,
      summary: '新能源企业与高校专家围桌对接储能与光伏技术需求。',
    },
    deal: {
      enterpriseName: '四川蜀能新材料有限公司',
      institutionName: '重庆大学',
      valueFen: 1_200_000_000,
    },
    need: {
      by: 'materials@duijie.demo',
      title: '储能电站磷酸铁锂电池热失控预警',
      description:
        '我司承建的两座储能电站拟加装热失控早期预警系统，电站布局与电芯数据仅向主办方提供，寻求高校团队联合攻关。',
      enterpriseName: '四川蜀能新材料有限公司',
    },
  },
];

/** The city's read-only viewer: the bureau's statistician, who reads every district's figures. */
export const CITY_VIEWER = {
  name: '孙悦',
  email: 'bureau@duijie.demo',
  title: '市科技局统计员',
};

/**
 * Adds the district centres below `cityCenter` and the city's viewer (once); whether it added
 * them.
 */
export async function seedDistricts(
  app: INestApplicationContext,
  cityCenter: Organization,
): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const exists = await dataSource
    .getRepository(Organization)
    .existsBy({ name: DISTRICTS[0].organization });
  if (exists) return false;
  const held: string[] = [];
  for (const district of DISTRICTS) {
    const { manager, event } = await app.get(Tx).run(async () => {
      const organization = await save(app, Organization, {
        name: district.organization,
        kind: 'service_agency',
        region: district.region,
        industryFields: [],
        creditCode: null,
        parentId: cityCenter.id,
      });
      const person = await teamMember(app, district.manager, organization, 'manager');
      const series = await save(app, EventSeries, {
        organizationId: organization.id,
        name: district.series,
        description: `${district.organization}年度系列活动。`,
      });
      const concluded = await save(app, Event, districtEvent(district, series, person));
      return { manager: person, event: concluded };
    });
    await app.get(DealsService).createDeal(asActor(manager), {
      enterpriseName: district.deal.enterpriseName,
      institutionName: district.deal.institutionName,
      expertTeam: '刘洋教授团队',
      eventId: event.id,
      type: 'license',
      contractValueFen: district.deal.valueFen,
      signedOn: dayIn(event.startsAt, event.timeZone),
      atCeremony: true,
    });
    if (district.need) await bringNeed(app, district.need, event.id);
    held.push(event.id);
  }
  await app.get(Tx).run(() => teamMember(app, CITY_VIEWER, cityCenter, 'viewer'));
  await app.get(StatisticsService).compile(held);
  await seedJoining(app);
  return true;
}

/** The enterprise's organizers-only need, brought to the district's event (its managers curate it). */
async function bringNeed(
  app: INestApplicationContext,
  need: NonNullable<District['need']>,
  eventId: string,
): Promise<void> {
  const enterprise = await app.get(DataSource).getRepository(User).findOneBy({ email: need.by });
  if (!enterprise) return;
  await app.get(Tx).run(async () => {
    const created = await app.get(NeedsService).create(asActor(enterprise), {
      title: need.title,
      description: need.description,
      fields: ['新能源'],
      keywords: ['储能', '热失控预警'],
      confidentiality: 'organizers_only',
      enterpriseName: need.enterpriseName,
      region: '四川省成都市天府新区',
      published: true,
    });
    await app
      .get(Releases)
      .record({ kind: 'need', id: created.id }, { eventId }, 'brought', enterprise.id);
  });
}

/** A colleague who asks to join the university; the demo expert manages it and decides. */
export const UNIVERSITY_APPLICANT = { name: '王芳', email: 'wang.fang@duijie.demo' };

/**
 * An open team invitation from Tianfu's manager, and a pending request to join 西南理工大学, whose
 * manager the demo expert becomes.
 */
async function seedJoining(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const tianfu = await dataSource
    .getRepository(User)
    .findOneByOrFail({ email: DISTRICTS[1].manager.email });
  const [district] = await dataSource
    .getRepository(Membership)
    .findBy({ userId: tianfu.id, role: 'manager' });
  await app.get(TeamInvitationsService).invite(asActor(tianfu), district.organizationId, {
    email: 'new.colleague@duijie.demo',
    role: 'staff',
  });
  const university = await dataSource
    .getRepository(Organization)
    .findOneBy({ name: '西南理工大学' });
  const expert = await dataSource.getRepository(User).findOneBy({ email: 'expert@duijie.demo' });
  if (!university || !expert) return;
  await dataSource
    .getRepository(Membership)
    .update({ userId: expert.id, organizationId: university.id }, { role: 'manager' });
  const passwordHash = await hashPassword(DISTRICT_PASSWORD);
  const applicant = await app.get(Tx).run(() =>
    save(app, User, {
      name: UNIVERSITY_APPLICANT.name,
      email: UNIVERSITY_APPLICANT.email,
      mobile: null,
      emailVerifiedAt: new Date(),
      locale: 'zh-CN',
      roles: ['expert'],
      passwordHash,
    }),
  );
  await app
    .get(MembershipRequestsService)
    .request(asActor(applicant), university.id, { note: '材料学院副教授，新能源材料课题组' });
}

function districtEvent(district: District, series: EventSeries, manager: User) {
  const { event } = district;
  return {
    seriesId: series.id,
    organizationId: series.organizationId,
    kind: event.kind,
    format: 'offline' as const,
    visibility: 'public' as const,
    status: 'concluded' as const,
    title: event.title,
    summary: event.summary,
    hosts: [district.organization],
    coOrganizers: [],
    industryFields: [],
    venueAddress: district.region,
    venueRoom: null,
    streamUrl: null,
    startsAt: beijing(event.day, 14),
    endsAt: beijing(event.day, 17),
    timeZone: 'Asia/Shanghai',
    capacity: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    sectorQuotas: {},
    questions: [],
    reminderOffsetsMinutes: [1440, 60],
    cancellationReason: null,
    createdBy: manager.id,
  };
}

/** An organizer account holding `role` in the organization. */
async function teamMember(
  app: INestApplicationContext,
  person: { name: string; email: string; title: string },
  organization: Organization,
  role: MembershipRole,
): Promise<User> {
  const user = await save(app, User, {
    name: person.name,
    email: person.email,
    mobile: null,
    emailVerifiedAt: new Date(),
    locale: 'zh-CN',
    roles: ['organizer'],
    passwordHash: await hashPassword(DISTRICT_PASSWORD),
  });
  await save(app, Membership, {
    userId: user.id,
    organizationId: organization.id,
    title: person.title,
    role,
  });
  return user;
}

async function save<T extends object>(
  app: INestApplicationContext,
  entity: new () => T,
  fields: Partial<T>,
): Promise<T> {
  const { manager } = app.get(Tx);
  return manager.save(manager.create(entity, fields as T));
}
