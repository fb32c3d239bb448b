import { Module } from '@nestjs/common';
import { DealsController } from 'src/deals/deals.controller';
import { DealsService } from 'src/deals/deals.service';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { FollowUpRecords } from 'src/deals/follow-up-records';
import { FollowUpTasksService } from 'src/deals/follow-up-tasks.service';
import { IntentParties } from 'src/deals/intent-parties';
import { IntentsService } from 'src/deals/intents.service';
import { AuditModule } from 'src/audit/audit.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Intents, deals and their follow-up: stages, owners, tasks, check-ins and the audit log. */
@Module({
  imports: [EventsModule, NotificationsModule, AuditModule],
  controllers: [DealsController],
  providers: [
    IntentsService,
    DealsService,
    FollowUpTasksService,
    FollowUpRecords,
    FollowUpMessages,
    IntentParties,
  ],
  exports: [IntentsService, DealsService, FollowUpTasksService, IntentParties],
})
export class DealsModule {}
