// What the bureau's report counts beyond the deals, for `npm run demo` (issue 18): results
// released and a need collected by the programme, people of named institutions and enterprises
// at the past events, a deal landed with its check-in money and its technology contract
// registered, and an agreed investment beyond a contract's value.
import { INestApplicationContext } from '@nestjs/common';
import { NeedsService } from 'src/catalog/needs.service';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { DealsService } from 'src/deals/deals.service';
import { Event } from 'src/events/event.entity';
import { Sector } from 'src/events/sectors';
import { Registration } from 'src/registrations/registration.entity';

/** Who came to each past event (their places confirmed before it took place). */
const PARTICIPANTS: { name: string; organizationName: string; sector: Sector }[] = [
  { name: '赵敏', organizationName: '西南理工大学材料学院', sector: 'academia' },
  { name: '刘洋', organizationName: '西南理工大学', sector: 'academia' },
  { name: '孙浩', organizationName: '中科院成都有机化学研究所', sector: 'research' },
  { name: '王磊', organizationName: '四川蜀能新材料有限公司', sector: 'industry' },
  { name: '周强', organizationName: '成都芯联传感科技有限公司', sector: 'industry' },
];

export async function seedReportFigures(
  app: INestApplicationContext,
  organizer: AuthUser,
  pastEvents: Event[],
  deals: string[],
  catalog: { resultIds: string[]; needId: string },
): Promise<void> {
  // Released and collected by the programme: the results presented at its past events, the gas
  // need collected for the whole series.
  const results = app.get(ResultsService);
  for (const [i, past] of pastEvents.entries()) {
    await results.attach(organizer, catalog.resultIds[i % catalog.resultIds.length], {
      eventId: past.id,
    });
  }
  const seriesId = pastEvents.find((e) => e.seriesId)?.seriesId;
  if (seriesId) await app.get(NeedsService).attach(organizer, catalog.needId, { seriesId });

  // The same people at every past event: institutions and enterprises counted once in a year.
  await app.get(Tx).run(async (manager) => {
    for (const past of pastEvents) {
      for (const [i, person] of PARTICIPANTS.entries()) {
        const confirmedAt = new Date(past.startsAt.getTime() - (7 - i) * 86_400_000);
        await manager.insert(Registration, {
          eventId: past.id,
          userId: null,
          name: person.name,
          email: `participant${i + 1}@example.cn`,
          mobile: null,
          organizationName: person.organizationName,
          sector: person.sector,
          status: 'confirmed',
          answers: {},
          locale: 'zh-CN',
          confirmedAt,
          cancelledAt: null,
          checkInCode: null,
          checkedInAt: null,
          checkedInBy: null,
          createdAt: confirmedAt,
        });
      }
    }
  });

  // The first deal landed: its licence fee received and the output it brought at 3 months, and its
  // contract registered (技术合同认定登记) as a licence.
  const service = app.get(DealsService);
  const [first] = deals;
  if (!first) return;
  await service.checkIn(organizer, first, {
    months: 3,
    landed: true,
    receivedFen: 600_000_000,
    outputValueFen: 3_000_000_000,
    note: '首批传感器模组量产，许可费首期到账',
  });
  await service.moveDeal(organizer, first, { stage: 'landed' });
  const deal = await service.deal(organizer, first);
  await service.register(organizer, first, {
    category: 'license',
    registrationNumber: '2025510107000088',
    registeredAmountFen: deal.contractValueFen,
    registeredOn: deal.signedOn,
  });
}
