import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { StatisticsController } from 'src/stats/statistics.controller';
import { StatisticsService } from 'src/stats/statistics.service';

/** Compiled figures of events, roll-ups, exports and the report sentence. */
@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatsModule {}
