import { Module } from '@nestjs/common';
import { DealsController } from 'src/deals/deals.controller';
import { DealsService } from 'src/deals/deals.service';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Intents, deals and their follow-up: stages, owners, tasks, check-ins and the audit log. */
@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [DealsController],
  providers: [DealsService, FollowUpMessages],
  exports: [DealsService],
})
export class DealsModule {}
