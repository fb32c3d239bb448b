// npm run demo loads this: the people and organizations of a living platform. Running it again
// adds what is missing and changes nothing else.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from 'src/database/tx';
import { EventFormat, EventKind, Visibility } from 'src/events/event-kinds';
import { Event } from 'src/events/event.entity';
import { EventSeries } from 'src/events/event-series.entity';
import { EventStatus } from 'src/events/event-status';
import { SeatLedger } from 'src/events/seat-ledger';
import { Sector } from 'src/events/sectors';
import { CreateOrganizationDto } from 'src/identity/dto/organization.dto';
import { Organization } from 'src/identity/organization.entity';
import { OrganizationsService } from 'src/identity/organizations.service';
import { hashPassword } from 'src/identity/password';
import { Role } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';
import { Membership } from 'src/identity/membership.entity';
import { MembershipRole } from 'src/identity/roles';
import { InvitationsService } from 'src/invitations/invitations.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { StatisticsService } from 'src/stats/statistics.service';
import { runWithApp } from 'scripts/app-context';
import { asActor, beijing } from 'scripts/demo-support';
import { CITY_VIEWER, DISTRICT_PASSWORD, seedDistricts } from 'scripts/seed-districts';
import { deskLines } from 'scripts/seed-desk';
import { doorLines, doorLinks } from 'scripts/seed-door';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { seedMatchmaking } from 'scripts/seed-matchmaking';
import { seedAnonymisedEvent } from 'scripts/seed-retention';
import { CO_HOST_ACCOUNT, seedSharing } from 'scripts/seed-sharing';
import { seedBackfilledYear } from 'scripts/seed-backfill';
import { seedPartnerInstitutions } from 'scripts/seed-partners';
import { REPORT_RECIPIENTS, seedReportSchedule } from 'scripts/seed-report-schedule';

const FIELDS = {
  it: '电子信息',
  manufacturing: '先进制造',
  health: '医药健康',
  energy: '新能源',
  materials: '新材料',
};

const ORGANIZATIONS: Record<string, Omit<CreateOrganizationDto, 'title'>> = {
  center: {
    name: '成都市生产力促进中心',
    kind: 'service_agency',
    region: '四川省成都市',
    industryFields: Object.values(FIELDS),
  },
  university: {
    name: '西南理工大学',
    kind: 'university',
    region: '四川省成都市',
    industryFields: [FIELDS.it, FIELDS.materials],
  },
  sensors: {
    name: '成都芯联传感科技有限公司',
    kind: 'enterprise',
    region: '四川省成都市高新区',
    industryFields: [FIELDS.it, FIELDS.manufacturing],
  },
  materials: {
    name: '四川蜀能新材料有限公司',
    kind: 'enterprise',
    region: '四川省眉山市',
    industryFields: [FIELDS.materials, FIELDS.energy],
  },
};

interface DemoAccount {
  name: string;
  email: string;
  password: string;
  roles: Role[];
  organization?: keyof typeof ORGANIZATIONS;
  title?: string;
  what: string;
}

const ACCOUNTS: DemoAccount[] = [
  {
    name: '平台管理员',
    email: 'admin@duijie.demo',
    password: 'demo-admin-2026',
    roles: ['admin'],
    what: '管理员 / admin',
  },
  {
    name: '陈静',
    email: 'organizer@duijie.demo',
    password: 'demo-organizer-2026',
    roles: ['organizer'],
    organization: 'center',
    title: '活动部主任',
    what: '组织者 / organizer',
  },
  {
    name: '刘洋',
    email: 'expert@duijie.demo',
    password: 'demo-expert-2026',
    roles: ['expert'],
    organization: 'university',
    title: '教授、博士生导师',
    what: '专家 / expert',
  },
  {
    name: '周强',
    email: 'enterprise@duijie.demo',
    password: 'demo-enterprise-2026',
    roles: ['enterprise'],
    organization: 'sensors',
    title: '技术总监',
    what: '企业 / enterprise',
  },
  {
    name: '何敏',
    email: 'materials@duijie.demo',
    password: 'demo-enterprise-2026',
    roles: ['enterprise'],
    organization: 'materials',
    title: '研发部经理',
    what: '企业 / enterprise',
  },
];

async function ensureOrganization(
  manager: EntityManager,
  organizations: OrganizationsService,
  key: string,
  userId: string,
  title: string | undefined,
  role: MembershipRole,
) {
  const spec = ORGANIZATIONS[key];
  const existing = await manager.findOneBy(Organization, { name: spec.name });
  if (!existing) return organizations.createWithMember(userId, { ...spec, title }, role);
  await manager
    .createQueryBuilder()
    .insert()
    .into(Membership)
    .values({ userId, organizationId: existing.id, title: title ?? null, role })
    .orIgnore()
    .execute();
  return existing;
}

interface DemoEvent {
  title: string;
  kind: EventKind;
  format: EventFormat;
  visibility: Visibility;
  status: EventStatus;
  day: number;
  hours: [number, number];
  fields: string[];
  summary: string;
  capacity?: number;
}

const SERIES_NAME = '菁蓉汇·校企双进';
const SERIES_EVENTS: DemoEvent[] = [
  {
    title: '校企双进·电子信息专场成果路演',
    kind: 'roadshow',
    format: 'hybrid',
    visibility: 'public',
    status: 'concluded',
    day: -63,
    hours: [14, 17],
    fields: [FIELDS.it],
    summary: '高校院所电子信息领域 12 项科技成果集中路演，线上同步直播。',
    capacity: 150,
  },
  {
    title: '政产学研金服用对接沙龙·先进制造',
    kind: 'salon',
    format: 'offline',
    visibility: 'invite_only',
    status: 'concluded',
    day: -28,
    hours: [9, 12],
    fields: [FIELDS.manufacturing],
    summary: '政府、企业、高校、院所、金融、服务机构与用户代表围桌交流先进制造技术需求。',
    capacity: 40,
  },
  {
    title: '校企双进·新材料专场成果路演',
    kind: 'roadshow',
    format: 'hybrid',
    visibility: 'public',
    status: 'registration_open',
    day: 14,
    hours: [14, 17],
    fields: [FIELDS.materials, FIELDS.energy],
    summary: '新材料、新能源领域科技成果路演，企业与投资机构现场对接、签约。',
    capacity: 120,
  },
  {
    title: '云对接·医药健康技术需求发布',
    kind: 'cloud_docking',
    format: 'online',
    visibility: 'public',
    status: 'published',
    day: 28,
    hours: [10, 12],
    fields: [FIELDS.health],
    summary: '企业在线发布医药健康技术需求，高校专家团队在线对接。',
  },
  {
    title: '传感器企业闭门精准对接会',
    kind: 'precise_docking',
    format: 'offline',
    visibility: 'closed_door',
    status: 'registration_open',
    day: 45,
    hours: [9, 17],
    fields: [FIELDS.it, FIELDS.manufacturing],
    summary: '围绕企业提交的传感器技术需求，邀请匹配的专家团队一对一洽谈。',
    capacity: 30,
  },
  {
    title: '科学家进园区·天府新区',
    kind: 'park_visit',
    format: 'offline',
    visibility: 'public',
    status: 'draft',
    day: 90,
    hours: [9, 16],
    fields: [FIELDS.it, FIELDS.materials],
    summary: '组织高校科学家走进产业园区企业，现场诊断技术难题。',
    capacity: 50,
  },
];

/** The series of the productivity center, with past and coming events. */
async function seedSeries(app: INestApplicationContext, organizer: User): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const center = await dataSource
    .getRepository(Organization)
    .findOneByOrFail({ name: ORGANIZATIONS.center.name });
  if (
    await dataSource
      .getRepository(EventSeries)
      .existsBy({ organizationId: center.id, name: SERIES_NAME })
  )
    return false;
  // The seat ledger joins this transaction through the transaction context.
  await app.get(Tx).run(async (manager) => {
    const series = await manager.save(
      manager.create(EventSeries, {
        organizationId: center.id,
        name: SERIES_NAME,
        description:
          '成都市生产力促进中心年度校企双进系列活动：企业家进校园、科学家进园区，成果路演、对接沙龙、云对接与精准对接。',
      }),
    );
    for (const e of SERIES_EVENTS) {
      const event = await manager.save(
        manager.create(Event, {
          seriesId: series.id,
          organizationId: center.id,
          kind: e.kind,
          format: e.format,
          visibility: e.visibility,
          status: e.status,
          title: e.title,
          summary: e.summary,
          hosts: ['成都市科学技术局'],
          coOrganizers: [center.name],
          industryFields: e.fields,
          venueAddress: e.format === 'online' ? null : '成都市高新区天府大道北段 1700 号环球中心',
          venueRoom: e.format === 'online' ? null : 'B 座 3 楼路演厅',
          streamUrl: e.format === 'offline' ? null : 'https://live.duijie.demo/jingronghui',
          startsAt: beijing(e.day, e.hours[0]),
          endsAt: beijing(e.day, e.hours[1]),
          timeZone: 'Asia/Shanghai',
          capacity: e.capacity ?? null,
          registrationOpensAt: null,
          registrationClosesAt: beijing(e.day, e.hours[0]),
          sectorQuotas: e.kind === 'salon' ? { finance: 6, government: 4 } : {},
          questions:
            e.kind === 'roadshow'
              ? [
                  {
                    id: 'interest',
                    label: '关注的成果方向',
                    kind: 'text',
                    options: [],
                    required: false,
                  },
                ]
              : [],
          // Events that need an invitation keep a seat for each invitee until they answer.
          invitationsHoldSeats: e.visibility !== 'public',
          reminderOffsetsMinutes: [1440, 60],
          cancellationReason: null,
          createdBy: organizer.id,
        }),
      );
      await app.get(SeatLedger).setCapacity(event.id, event.capacity);
    }
  });
  await seedRegistrations(app);
  await seedInvitations(app, organizer);
  return true;
}

/** The closed-door docking session's invitees: the demo expert and enterprise users among them. */
async function seedInvitations(app: INestApplicationContext, organizer: User): Promise<void> {
  const closedDoor = await app
    .get(DataSource)
    .getRepository(Event)
    .findOneByOrFail({ title: SERIES_EVENTS[4].title });
  await app.get(InvitationsService).invite(asActor(organizer), closedDoor.id, {
    invitees: [
      {
        name: '刘洋',
        email: 'expert@duijie.demo',
        organizationName: ORGANIZATIONS.university.name,
        sector: 'academia',
        role: '专家团队负责人',
      },
      {
        name: '周强',
        email: 'enterprise@duijie.demo',
        organizationName: ORGANIZATIONS.sensors.name,
        sector: 'industry',
        role: '需求方',
      },
      {
        name: '何敏',
        email: 'materials@duijie.demo',
        organizationName: ORGANIZATIONS.materials.name,
        sector: 'industry',
        role: '需求方',
      },
      {
        name: '周婷',
        email: 'investor@duijie.demo',
        mobile: '13800000009',
        organizationName: '天府科创投资基金',
        sector: 'finance',
        role: '投资人',
      },
    ],
  });
}

const REGISTRANTS: Array<{ name: string; organizationName: string; sector: Sector }> = [
  { name: '张伟', organizationName: '成都高新区经济运行局', sector: 'government' },
  { name: '王磊', organizationName: '四川蜀能新材料有限公司', sector: 'industry' },
  { name: '李娜', organizationName: '成都锂源电池科技有限公司', sector: 'industry' },
  { name: '赵敏', organizationName: '西南理工大学材料学院', sector: 'academia' },
  { name: '孙浩', organizationName: '中科院成都有机化学研究所', sector: 'research' },
  { name: '周婷', organizationName: '天府科创投资基金', sector: 'finance' },
  { name: '吴刚', organizationName: '成都技术转移服务中心', sector: 'services' },
  { name: '郑洁', organizationName: '成都轨道交通集团', sector: 'users' },
];

/** People registered for the coming roadshow, through the same service the API uses. */
async function seedRegistrations(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const registrations = app.get(RegistrationsService);
  const roadshow = await dataSource
    .getRepository(Event)
    .findOneByOrFail({ title: SERIES_EVENTS[2].title });
  for (const [i, person] of REGISTRANTS.entries()) {
    await registrations.register(undefined, roadshow.id, {
      ...person,
      email: `registrant${i + 1}@duijie.demo`,
      mobile: `1380000${String(i + 1).padStart(4, '0')}`,
      answers: { interest: '新材料成果转化' },
      acceptPrivacy: true,
    });
  }
  // A chairman who signed up at a salon with his mobile only: his messages go by text.
  await registrations.register(undefined, roadshow.id, {
    name: '陈志远',
    mobile: '13912345678',
    organizationName: '四川蜀能新材料有限公司',
    sector: 'industry',
    answers: { interest: '新材料成果转化' },
    acceptPrivacy: true,
  });
  const enterprise = await dataSource
    .getRepository(User)
    .findOneByOrFail({ email: 'enterprise@duijie.demo' });
  await registrations.register(asActor(enterprise), roadshow.id, {
    sector: 'industry',
    organizationName: ORGANIZATIONS.sensors.name,
    acceptPrivacy: true,
  });
}

/** The demo's mobile-only account: verified by SMS, no e-mail and no password. */
export const MOBILE_ONLY = { name: '陈建国', mobile: '13900000001' };

/**
 * A company chairman who signed up with his mobile at a salon: he signs in by SMS code (in the
 * demo the code is in the worker's log, SMS_URL=log:). False when he exists already.
 */
async function seedMobileOnly(app: INestApplicationContext): Promise<boolean> {
  const users = app.get(DataSource).getRepository(User);
  if (await users.existsBy({ mobile: MOBILE_ONLY.mobile })) return false;
  await users.save(
    users.create({
      ...MOBILE_ONLY,
      email: null,
      mobileVerifiedAt: new Date(),
      locale: 'zh-CN',
      roles: ['enterprise'],
      passwordHash: null,
    }),
  );
  return true;
}

async function seed(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const organizations = app.get(OrganizationsService);
  let added = 0;
  for (const account of ACCOUNTS) {
    // The organizations service joins this transaction through the transaction context.
    await app.get(Tx).run(async (manager) => {
      let user = await manager.findOneBy(User, { email: account.email });
      if (!user) {
        user = await manager.save(
          manager.create(User, {
            name: account.name,
            email: account.email,
            mobile: null,
            // The demo's accounts have proved their addresses.
            emailVerifiedAt: new Date(),
            locale: 'zh-CN',
            roles: account.roles,
            passwordHash: await hashPassword(account.password),
          }),
        );
        added++;
      }
      if (account.organization)
        await ensureOrganization(
          manager,
          organizations,
          account.organization,
          user.id,
          account.title,
          account.roles.includes('organizer') ? 'manager' : 'member',
        );
    });
  }
  if (await seedMobileOnly(app)) added++;
  const organizer = await dataSource
    .getRepository(User)
    .findOneByOrFail({ email: 'organizer@duijie.demo' });
  const seriesAdded = await seedSeries(app, organizer);
  const matchmakingAdded = await seedMatchmaking(app, {
    comingRoadshow: SERIES_EVENTS[2].title,
    dockingSession: SERIES_EVENTS[4].title,
  });
  const center = await dataSource
    .getRepository(Organization)
    .findOneByOrFail({ name: ORGANIZATIONS.center.name });
  if (await seedPartnerInstitutions(app))
    console.log(
      '已登记合作院所（四川大学、电子科技大学、重庆大学、浙江大学、西安交通大学）及其所在地区，统计页地图按省份显示 / registered the partner universities with their regions, which the statistics page maps by province',
    );
  if (await seedDistricts(app, center))
    console.log(
      '已添加两个区级中心（各有负责人、系列活动、活动与签约）和市级统计员 / added two district centres (each with its manager, series, event and deal) and the city’s viewer',
    );
  const sharingAdded = await seedSharing(app, organizer, SERIES_EVENTS[2].title);
  if (sharingAdded)
    console.log(
      `已为「${SERIES_EVENTS[2].title}」添加协办单位「${CO_HOST_ACCOUNT.organization}」（其团队只看到单独同意者的联系方式），合作意向双方已互相同意提供联系方式 / added a co-host to the coming roadshow (its team sees the contacts of the registrant who consented only), and both people of the demo intent consented to share contacts`,
    );
  const historyAdded = await seedAnonymisedEvent(app, organizer, center);
  if (historyAdded)
    console.log(
      '已添加一场 2022 年的往期沙龙：保存期满，报名人已匿名化，统计不变 / added a salon of 2022 whose registrants were anonymised when its retention ended, its figures unchanged',
    );
  const backfillAdded = await seedBackfilledYear(app, organizer, center);
  if (backfillAdded)
    console.log(
      '已补录 2021 年度项目（3 场活动、12 项成果、4 项需求、2 场路演、3 项签约及回访、1.2万外部观看），未发送任何消息 / back-filled the 2021 programme (3 events, 12 results, 4 needs, 2 roadshows, 3 deals with check-ins, 12,000 outside views), nothing sent',
    );
  const firstReport = await seedReportSchedule(app, organizer, center);
  if (firstReport)
    console.log(
      `已设置每月定期报告（Word + PDF，发给 ${REPORT_RECIPIENTS.join('、')}），首次发送 ${firstReport.toISOString()} / set the centre's monthly report e-mail (Word + PDF), first sent then: /console/statistics/schedules`,
    );
  if (added > 0) console.log(`已添加 ${added} 个演示账号 / added ${added} demo accounts`);
  if (seriesAdded) {
    console.log(
      `已添加系列活动「${SERIES_NAME}」、${SERIES_EVENTS.length} 场活动、${REGISTRANTS.length + 1} 个报名和 4 份闭门对接邀请 / added a series of ${SERIES_EVENTS.length} events, ${REGISTRANTS.length + 1} registrations and 4 invitations`,
    );
  }
  if (matchmakingAdded) {
    console.log(
      '已添加科技成果、技术需求、专家、匹配、路演与日程、精准对接洽谈、揭榜挂帅、直播回看（观看数据、问答、意向）、签约、跟进与统计 / added results, needs, an expert, matches, a roadshow on a published agenda, a docking meeting, a challenge, a past live stream (audience, Q&A, an intent), deals, follow-up and statistics',
    );
  }
  const nothingAdded = !seriesAdded && !matchmakingAdded && !historyAdded && !backfillAdded;
  if (added === 0 && nothingAdded && !sharingAdded && !firstReport)
    console.log('演示数据已存在 / demo data already present');
  // The city's centre counts its districts' events too; each district only its own.
  const statistics = app.get(StatisticsService);
  const { summary } = await statistics.rollup(asActor(organizer), {});
  console.log(`\n统计摘要 / report summary: ${summary}`);
  console.log(
    '  统计报告 / the report: /console/statistics →「统计报告（Word）」「统计报告（PDF）」(/api/statistics/report.docx, report.pdf)',
  );
  const year2021 = await statistics.rollup(asActor(organizer), {
    from: new Date('2021-01-01T00:00:00+08:00'),
    to: new Date('2022-01-01T00:00:00+08:00'),
  });
  console.log(`  2021 年（补录）/ 2021 (back-filled): ${year2021.summary}`);
  for (const email of ['gaoxin@duijie.demo', 'tianfu@duijie.demo']) {
    const manager = await dataSource.getRepository(User).findOneByOrFail({ email });
    const district = await statistics.rollup(asActor(manager), {});
    console.log(`  ${email}: ${district.summary}`);
  }
  // A registrant's ticket, and the check-in page of the same event (the organizer's).
  const door = await doorLinks(app);
  if (door) console.log(`\n${doorLines(door).join('\n')}`);
  // The import templates, and a GBK list to import on that event's invitations page.
  if (door)
    console.log(
      `\n${deskLines(app.get<AppConfig>(APP_CONFIG).publicUrl, door.eventId).join('\n')}`,
    );
  console.log('\n演示账号 / demo accounts:');
  for (const a of ACCOUNTS)
    console.log(`  ${a.email.padEnd(24)} ${a.password.padEnd(22)} ${a.what}`);
  for (const [email, what] of [
    ['gaoxin@duijie.demo', '高新区中心负责人 / district manager'],
    ['tianfu@duijie.demo', '天府新区中心负责人 / district manager'],
    [CITY_VIEWER.email, '市级统计员（只读）/ the city’s viewer (read-only)'],
  ])
    console.log(`  ${email.padEnd(24)} ${DISTRICT_PASSWORD.padEnd(22)} ${what}`);
  console.log(
    `  ${CO_HOST_ACCOUNT.email.padEnd(24)} ${CO_HOST_ACCOUNT.password.padEnd(22)} 协办单位（查看报名名单）/ a co-host (reads the registrants: GET /api/events/:id/co-hosts/:organizationId/registrants)`,
  );
}

runWithApp(seed);
