import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { StatisticsController } from 'src/stats/statistics.controller';
import { StatisticsService } from 'src/stats/statistics.service';
import { RollupQueries } from 'src/stats/rollup-queries';
import { StatisticsReports } from 'src/stats/statistics-reports';
import { ReportSchedules } from 'src/stats/report-schedules';
import { ReportSchedulesController } from 'src/stats/report-schedules.controller';

/** Compiled figures of events, roll-ups, exports, the report sentence and documents, and scheduled reports. */
@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [StatisticsController, ReportSchedulesController],
  providers: [StatisticsService, RollupQueries, StatisticsReports, ReportSchedules],
  exports: [StatisticsService, StatisticsReports, ReportSchedules],
})
export class StatsModule {}
