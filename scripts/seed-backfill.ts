// Demo data (issue 18): the centre's 2021 programme, entered after the fact through a back-fill,
// so that the statistics page and the roll-up for 2021 show a past year (and the back-fill can be
// undone). Nothing is sent for it.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asActor } from 'scripts/demo-support';
import { Backfill } from 'src/backfill/backfill.entity';
import { BackfillService } from 'src/backfill/backfill.service';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

const WAN = 1_000_000; // 1万元 in fen

/** Whose each event's four results are: the deals signed at them spread over four provinces. */
const INSTITUTIONS = ['西南理工大学', '四川大学', '浙江大学', '西安交通大学'];

/** 2021: three events of three kinds, twelve results, four needs, two roadshows, three deals. */
function programme2021() {
  const events = [
    ['E1', '2021 菁蓉汇·成果路演（电子信息）', 'roadshow', 'offline', '2021-04-15'],
    ['E2', '2021 菁蓉汇·云对接（新材料）', 'cloud_docking', 'online', '2021-07-08'],
    ['E3', '2021 菁蓉汇·对接沙龙（燃气安全）', 'salon', 'offline', '2021-10-21'],
  ].map(([key, title, kind, format, day]) => ({
    key,
    title,
    kind,
    format,
    startsAt: `${day} 14:00`,
    endsAt: `${day} 17:00`,
  }));
  const results = events.flatMap((e, n) =>
    Array.from({ length: 4 }, (_, i) => ({
      key: `${e.key}-R${i + 1}`,
      event: e.key,
      title: `${['MEMS气体传感器', '低功耗无线模组', '石墨烯导热膜', '管网泄漏声学定位'][i]}（${2021}-${n + 1}）`,
      institutionName: INSTITUTIONS[i],
      readinessLevel: 6 + (i % 3),
      releasedAt: e.startsAt,
    })),
  );
  const needs = ['燃气泄漏在线监测', '老旧管网巡检', '高温导热材料', '工业无线组网'].map(
    (title, i) => ({
      key: `N${i + 1}`,
      event: i < 2 ? 'E3' : 'E2',
      title,
      enterpriseName: i < 2 ? '成都燃气集团' : '四川蜀能新材料有限公司',
      releasedAt: i < 2 ? '2021-10-01 09:00' : '2021-06-20 09:00',
    }),
  );
  // Each deal for its event's result `r` (1 to 4), signed by that result's institution.
  const deal = (
    key: string,
    [event, r]: [string, number],
    wan: number,
    signedOn: string,
    landed: boolean,
  ) => ({
    key,
    event,
    result: `${event}-R${r}`,
    enterpriseName: event === 'E3' ? '成都燃气集团' : '成都芯联传感科技有限公司',
    institutionName: INSTITUTIONS[r - 1],
    type: 'transfer',
    contractValueFen: wan * WAN,
    signedOn,
    landed,
    atCeremony: true,
  });
  return {
    events,
    results,
    needs,
    roadshows: [
      { event: 'E1', result: 'E1-R1' },
      { event: 'E1', result: 'E1-R2' },
    ],
    deals: [
      deal('D1', ['E1', 1], 800, '2021-04-15', true),
      deal('D2', ['E2', 3], 300, '2021-07-08', false),
      deal('D3', ['E3', 4], 1200, '2021-10-21', true),
    ],
    checkIns: [
      { deal: 'D1', months: 12, landed: true, receivedFen: 500 * WAN, outputValueFen: 1500 * WAN },
      { deal: 'D3', months: 6, landed: true, receivedFen: 400 * WAN, outputValueFen: 0 },
    ],
    views: [
      { event: 'E2', source: '抖音', views: 8000 },
      { event: 'E2', source: '视频号', views: 4000 },
    ],
  };
}

/** Back-fills the centre's 2021 programme once; true when it was added now. */
export async function seedBackfilledYear(
  app: INestApplicationContext,
  organizer: User,
  center: Organization,
): Promise<boolean> {
  const backfills = app.get(DataSource).getRepository(Backfill);
  if (await backfills.existsBy({ organizationId: center.id })) return false;
  await app.get(BackfillService).backfill(asActor(organizer), center.id, programme2021());
  return true;
}
