// npm run demo: a salon of four years ago whose people were anonymised when its retention period
// ended (PIPL): its registrants are placeholders now, its figures are as they were.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { Sector } from 'src/events/sectors';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';
import { Retention } from 'src/personal-data/retention';
import { Registration } from 'src/registrations/registration.entity';
import { StatisticsService } from 'src/stats/statistics.service';
import { beijing, DAY } from 'scripts/demo-support';

export const ANONYMISED_EVENT_TITLE = '2022 校企双进·新能源对接沙龙（往期）';

/** Who came four years ago: the sector of each, and whether they checked in at the door. */
const GUESTS: { name: string; sector: Sector; checkedIn: boolean }[] = [
  { name: '王建华', sector: 'industry', checkedIn: true },
  { name: '李秀英', sector: 'academia', checkedIn: true },
  { name: '张伟', sector: 'industry', checkedIn: true },
  { name: '刘芳', sector: 'finance', checkedIn: false },
  { name: '陈磊', sector: 'research', checkedIn: true },
  { name: '杨洋', sector: 'government', checkedIn: false },
  // A chairman who gave only his mobile: anonymised like everyone else.
  { name: '赵德明', sector: 'industry', checkedIn: true },
];

const DAYS_AGO = 4 * 365;

/**
 * The past salon with its seven guests as they registered, its statistics compiled, then its
 * retention run: the people become placeholders, the compiled figures stay. False when present.
 */
export async function seedAnonymisedEvent(
  app: INestApplicationContext,
  organizer: User,
  center: Organization,
): Promise<boolean> {
  const dataSource = app.get(DataSource);
  if (await dataSource.getRepository(Event).existsBy({ title: ANONYMISED_EVENT_TITLE }))
    return false;
  const startsAt = beijing(-DAYS_AGO, 14);
  const event = await app.get(Tx).run(async (manager) => {
    const salon = await manager.save(
      manager.create(Event, {
        seriesId: null,
        organizationId: center.id,
        kind: 'salon',
        format: 'offline',
        visibility: 'public',
        status: 'concluded',
        title: ANONYMISED_EVENT_TITLE,
        summary: '新能源企业与高校院所围桌交流技术需求（往期活动，个人信息已按保存期限匿名化）。',
        hosts: ['成都市科学技术局'],
        coOrganizers: [],
        industryFields: ['新能源'],
        venueAddress: '成都市高新区天府大道北段 1700 号环球中心',
        venueRoom: 'B 座 2 楼会议室',
        streamUrl: null,
        startsAt,
        endsAt: beijing(-DAYS_AGO, 17),
        timeZone: 'Asia/Shanghai',
        capacity: null,
        registrationOpensAt: null,
        registrationClosesAt: startsAt,
        sectorQuotas: {},
        questions: [],
        reminderOffsetsMinutes: [1440, 60],
        cancellationReason: null,
        createdBy: organizer.id,
      }),
    );
    for (const [i, guest] of GUESTS.entries()) {
      const registeredAt = new Date(startsAt.getTime() - (10 - i) * DAY);
      await manager.insert(Registration, {
        eventId: salon.id,
        userId: null,
        name: guest.name,
        email: i === GUESTS.length - 1 ? null : `guest${i + 1}.2022@example.cn`,
        mobile: `1370000${String(i + 1).padStart(4, '0')}`,
        organizationName: '成都某新能源科技有限公司',
        sector: guest.sector,
        status: 'confirmed',
        answers: {},
        locale: 'zh-CN',
        confirmedAt: registeredAt,
        cancelledAt: null,
        checkInCode: `PAST2022${i + 1}`,
        checkedInAt: guest.checkedIn ? new Date(startsAt.getTime() + 10 * 60_000) : null,
        checkedInBy: guest.checkedIn ? organizer.id : null,
        createdAt: registeredAt,
      });
    }
    return salon;
  });
  await app.get(StatisticsService).compile([event.id]);
  await app.get(Retention).anonymiseIfDue(event.id, new Date());
  return true;
}
