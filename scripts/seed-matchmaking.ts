// The middle and the end of the lifecycle for `npm run demo`: results, needs and an expert;
// matches; a roadshow on the agenda of the coming roadshow; a closed-door docking session with
// meetings; a challenge with a bid; the past events' deals, an intent in negotiation and the
// compiled statistics. Everything goes through the services the API uses.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgendaService } from 'src/agenda/agenda.service';
import { ExpertsService } from 'src/catalog/experts.service';
import { NeedsService } from 'src/catalog/needs.service';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { ResultsService } from 'src/catalog/results.service';
import { ChallengesService } from 'src/challenges/challenges.service';
import { DealsService } from 'src/deals/deals.service';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';
import { Invitation } from 'src/invitations/invitation.entity';
import { InvitationSeats } from 'src/invitations/invitation-seats';
import { MatchingService } from 'src/matching/matching.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { RoadshowsService } from 'src/roadshows/roadshows.service';
import { StatisticsService } from 'src/stats/statistics.service';
import { asActor, DAY } from 'scripts/demo-support';
import { seedLiveHistory } from 'scripts/seed-live';
import { seedReportFigures } from 'scripts/seed-figures';
import { dayIn } from 'src/common/time';
import { IntentsService } from 'src/deals/intents.service';
import { FollowUpTasksService } from 'src/deals/follow-up-tasks.service';

const GAS_SENSOR = {
  title: 'MEMS微热板低功耗气体传感器',
  summary: '基于MEMS微热板与纳米金属氧化物的气体传感芯片，检测甲烷、一氧化碳、硫化氢。',
  description:
    '悬膜式微热板加热功耗低于15毫瓦，响应时间小于10秒；集成温湿度补偿，已完成晶圆级工艺验证，适用于燃气泄漏报警与化工园区监测。',
  fields: ['电子信息'],
  keywords: ['气体传感器', 'MEMS', '燃气报警', '低功耗'],
  readinessLevel: 6,
  patents: [{ number: 'ZL202110123456.7', status: 'granted' as const }],
  cooperationModes: ['transfer' as const, 'license' as const],
  askingPriceMinFen: 50_000_000,
  askingPriceMaxFen: 120_000_000,
  team: [{ name: '刘洋', title: '教授' }],
};

const RESULTS = [
  GAS_SENSOR,
  {
    title: '硅碳复合负极材料及其制备方法',
    summary: '高首效硅碳复合负极，比容量650毫安时每克，循环1000次容量保持率85%以上。',
    description:
      '采用多孔碳骨架限域纳米硅并包覆导电碳层，缓解硅的体积膨胀；已完成百公斤级中试，可用于动力与储能锂离子电池。',
    fields: ['新材料', '新能源'],
    keywords: ['硅碳负极', '锂电池', '负极材料'],
    readinessLevel: 7,
    patents: [],
    cooperationModes: ['joint_development' as const, 'equity' as const],
    askingPriceMinFen: 200_000_000,
    askingPriceMaxFen: 500_000_000,
    team: [{ name: '刘洋', title: '教授' }],
  },
  {
    title: '高速轴承早期故障诊断与寿命预测系统',
    summary: '基于振动信号与深度学习的轴承故障早期识别，提前两周预警。',
    description:
      '融合包络解调与卷积神经网络，识别内外圈与滚动体早期缺陷；已在风电主轴与数控机床主轴上试用。',
    fields: ['先进制造'],
    keywords: ['轴承', '故障诊断', '寿命预测'],
    readinessLevel: 5,
    patents: [],
    cooperationModes: ['technical_service' as const, 'license' as const],
    team: [{ name: '刘洋', title: '教授' }],
  },
];

/** Adds it all once: returns false when the demo expert has results already. */
export async function seedMatchmaking(
  app: INestApplicationContext,
  titles: { comingRoadshow: string; dockingSession: string },
): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const user = (email: string) => dataSource.getRepository(User).findOneByOrFail({ email });
  const expert = asActor(await user('expert@duijie.demo'));
  if (await dataSource.getRepository(ResearchResult).existsBy({ ownerId: expert.id })) return false;
  const organizer = asActor(await user('organizer@duijie.demo'));
  const enterprise = asActor(await user('enterprise@duijie.demo'));
  const materials = asActor(await user('materials@duijie.demo'));
  const event = (title: string) => dataSource.getRepository(Event).findOneByOrFail({ title });

  // The catalog: the expert's results and profile, the enterprises' needs.
  const results = [];
  for (const result of RESULTS) {
    results.push(
      await app.get(ResultsService).create(expert, {
        ...result,
        institutionName: '西南理工大学',
        region: '四川省成都市',
        published: true,
      }),
    );
  }
  const profile = await app.get(ExpertsService).upsertOwn(expert, {
    institutionName: '西南理工大学',
    title: '教授、博士生导师',
    fields: ['电子信息', '新材料'],
    keywords: ['气体传感器', 'MEMS', '硅碳负极', '故障诊断'],
    biography: '长期从事微纳传感器、储能材料与智能运维研究，主持国家重点研发计划项目 3 项。',
    region: '四川省成都市',
  });
  const needs = app.get(NeedsService);
  const gasNeed = await needs.create(enterprise, {
    title: '燃气管网甲烷泄漏低功耗在线监测',
    description:
      '我司为城市燃气企业提供监测终端，现有催化燃烧传感器功耗高、需频繁更换电池，希望引进低功耗甲烷传感器并联合开发无线监测节点。',
    fields: ['电子信息'],
    keywords: ['甲烷', '泄漏监测', '低功耗'],
    budgetMinFen: 30_000_000,
    budgetMaxFen: 80_000_000,
    deadline: new Date(Date.now() + 120 * DAY).toISOString().slice(0, 10),
    confidentiality: 'matched_only',
    enterpriseName: '成都芯联传感科技有限公司',
    region: '四川省成都市',
    published: true,
  });
  await needs.create(materials, {
    title: '动力电池负极材料循环寿命提升',
    description: '现有石墨负极能量密度不足，拟引入硅基负极，需解决循环衰减与首效问题。',
    fields: ['新材料', '新能源'],
    keywords: ['硅碳负极', '循环寿命'],
    confidentiality: 'public',
    enterpriseName: '四川蜀能新材料有限公司',
    region: '四川省绵阳市',
    published: true,
  });

  // The coming roadshow: a call, the expert's accepted submission, and the published agenda.
  const roadshowEvent = await event(titles.comingRoadshow);
  const roadshows = app.get(RoadshowsService);
  await roadshows.setCall(organizer, roadshowEvent.id, {
    opensAt: new Date(Date.now() - 14 * DAY),
    closesAt: new Date(Date.now() + 7 * DAY),
    fields: ['新材料', '新能源'],
    description: '征集新材料、新能源领域可转化科技成果，入选项目现场路演 15 分钟。',
  });
  const submission = await roadshows.submit(expert, roadshowEvent.id, {
    resultId: results[1].id,
    abstract: '硅碳复合负极已完成百公斤级中试，寻求电池企业联合开发与作价入股。',
  });
  await roadshows.assignReviewers(organizer, submission.id, { reviewerIds: [organizer.id] });
  await roadshows.review(organizer, submission.id, { score: 5, comment: '产业化前景明确' });
  await roadshows.decide(organizer, submission.id, {
    decision: 'accepted',
    note: '请准备 15 分钟演示',
  });
  const at = (from: Event, minutes: number) => new Date(from.startsAt.getTime() + minutes * 60_000);
  const agenda = app.get(AgendaService);
  await agenda.create(organizer, roadshowEvent.id, {
    kind: 'opening',
    title: '开幕致辞',
    room: 'B 座 3 楼路演厅',
    startsAt: at(roadshowEvent, 0),
    endsAt: at(roadshowEvent, 15),
  });
  await roadshows.schedule(organizer, submission.id, {
    startsAt: at(roadshowEvent, 15),
    endsAt: at(roadshowEvent, 30),
    room: 'B 座 3 楼路演厅',
  });
  await agenda.create(organizer, roadshowEvent.id, {
    kind: 'signing_ceremony',
    title: '现场签约仪式',
    room: 'B 座 3 楼路演厅',
    startsAt: at(roadshowEvent, 150),
    endsAt: at(roadshowEvent, 180),
  });
  await agenda.publish(organizer, roadshowEvent.id);

  // The closed-door docking session: the invited expert and enterprise approved, a need brought,
  // and a meeting booked at a table.
  const session = await event(titles.dockingSession);
  const registrations = app.get(RegistrationsService);
  for (const [person, organizationName, sector] of [
    [expert, '西南理工大学', 'academia'],
    [enterprise, '成都芯联传感科技有限公司', 'industry'],
  ] as const) {
    // Their invitation kept a seat for them: they are registered on it.
    const invitation = await app
      .get(DataSource)
      .getRepository(Invitation)
      .findOneBy({ eventId: session.id, email: person.email! });
    const seatKept = invitation ? await app.get(InvitationSeats).take(invitation.id) : false;
    const registration = await registrations.registerInvited(
      session,
      {
        userId: person.id,
        name: person.name,
        email: person.email!,
        mobile: null,
        locale: person.locale,
        organizationName,
        sector,
        answers: {},
      },
      seatKept,
    );
    await registrations.approve(organizer, registration.id);
  }
  const dockingSetup = app.get(DockingSetupService);
  await dockingSetup.setTables(organizer, session.id, { tables: ['1号桌', '2号桌', '3号桌'] });
  await dockingSetup.submitNeed(enterprise, session.id, gasNeed.id);

  // Matching: brought to the organizer's session, the gas need is theirs to curate; they confirm
  // the gas sensor for it, and the expert.
  const matching = app.get(MatchingService);
  await matching.decide(organizer, {
    needId: gasNeed.id,
    resultId: results[0].id,
    decision: 'confirmed',
  });
  await matching.decide(organizer, {
    needId: gasNeed.id,
    expertId: profile.id,
    decision: 'confirmed',
  });
  const dockingMeetings = app.get(DockingMeetingsService);
  const meeting = await dockingMeetings.request(enterprise, session.id, {
    counterpartId: expert.id,
    needId: gasNeed.id,
    startsAt: at(session, 60),
    endsAt: at(session, 90),
    note: '希望了解传感器量产成本与联合开发方式',
  });
  await dockingMeetings.answer(expert, meeting.id, { answer: 'accepted' });

  // A challenge (揭榜挂帅) posted by an enterprise, with the expert's bid.
  const challenges = app.get(ChallengesService);
  const challenge = await challenges.create(materials, {
    title: '动力电池硅基负极首效提升至 90% 以上',
    description:
      '现有硅基负极首次库伦效率约 82%，需在不增加成本的前提下提升至 90% 以上，并完成 500 次循环验证。',
    enterpriseName: '四川蜀能新材料有限公司',
    fields: ['新材料', '新能源'],
    awardFen: 300_000_000,
    eligibility: '高校、科研院所及其团队，近三年有相关研究成果',
    deadline: new Date(Date.now() + 60 * DAY),
    published: true,
  });
  await challenges.bid(expert, challenge.id, {
    institutionName: '西南理工大学',
    proposal: '预锂化与人工 SEI 膜协同提升首效，已有小试数据支撑。',
    team: '刘洋教授团队 6 人',
  });

  // What the past events led to: deals (one signed on stage), an intent in negotiation with its
  // owner's task, views from an outside channel, the first one's live stream, and the figures.
  const pastEvents = await dataSource
    .getRepository(Event)
    .find({ where: { status: 'concluded' }, order: { startsAt: 'ASC' } });
  const deals = app.get(DealsService);
  const statistics = app.get(StatisticsService);
  const signedOn = (event: Event) => dayIn(event.startsAt, event.timeZone);
  const dealIds: string[] = [];
  for (const [i, past] of pastEvents.entries()) {
    const deal = await deals.createDeal(organizer, {
      enterpriseName: i === 0 ? '成都芯联传感科技有限公司' : '四川蜀能新材料有限公司',
      institutionName: '西南理工大学',
      expertTeam: '刘洋教授团队',
      resultId: results[i % results.length].id,
      eventId: past.id,
      type: i === 0 ? 'license' : 'joint_development',
      contractValueFen: i === 0 ? 1_500_000_000 : 3_800_000_000,
      // The joint development comes with a production line the enterprise invests in (协议投资额).
      investmentFen: i === 0 ? undefined : 50_000_000_000,
      contractCategory: i === 0 ? 'license' : 'development',
      signedOn: signedOn(past),
      atCeremony: true,
    });
    dealIds.push(deal.id);
    await statistics.addExternalViews(organizer, past.id, {
      source: '视频号',
      views: 18_600 + i * 7_400,
    });
  }
  const intents = app.get(IntentsService);
  const intent = await intents.createIntent(enterprise, {
    enterpriseName: '成都芯联传感科技有限公司',
    resultId: results[0].id,
    eventId: pastEvents[0]?.id,
    note: '路演后希望进一步了解量产工艺',
    // The enterprise consents to show the expert its contacts (PIPL Art. 23: separately).
    shareMyContacts: true,
  });
  await intents.moveIntent(organizer, intent.id, { stage: 'contacted' });
  await intents.moveIntent(organizer, intent.id, { stage: 'negotiating' });
  await intents.assignIntent(organizer, intent.id, organizer.id);
  await app.get(FollowUpTasksService).createTask(organizer, {
    intentId: intent.id,
    ownerId: organizer.id,
    title: '组织双方商谈许可条款',
    dueOn: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
  });
  if (pastEvents[0]) await seedLiveHistory(app, pastEvents[0], results[0].id);
  await seedReportFigures(app, organizer, pastEvents, dealIds, {
    resultIds: results.map((r) => r.id),
    needId: gasNeed.id,
  });
  await statistics.compile(pastEvents.map((e) => e.id));
  return true;
}
