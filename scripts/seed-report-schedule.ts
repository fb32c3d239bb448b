// Demo data (issue 18): the centre's report e-mailed after every month to the bureau's and the
// centre's addresses, with the Word and the PDF report attached. The first one goes out when
// this month ends (the worker sends it through the outbox, once).
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asActor } from 'scripts/demo-support';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';
import { ReportSchedule } from 'src/stats/report-schedule.entity';
import { ReportSchedules } from 'src/stats/report-schedules';

export const REPORT_RECIPIENTS = ['kjj@duijie.demo', 'center@duijie.demo'];

/** Sets the centre's monthly report once; the time of its first sending when it was set now. */
export async function seedReportSchedule(
  app: INestApplicationContext,
  organizer: User,
  center: Organization,
): Promise<Date | null> {
  const schedules = app.get(DataSource).getRepository(ReportSchedule);
  if (await schedules.existsBy({ organizationId: center.id })) return null;
  const schedule = await app.get(ReportSchedules).create(asActor(organizer), center.id, {
    frequency: 'monthly',
    recipients: REPORT_RECIPIENTS,
    formats: ['docx', 'pdf'],
  });
  return schedule.nextSendingAt;
}
