import { Module } from '@nestjs/common';
import { CatalogModule } from 'src/catalog/catalog.module';
import { DockingAccess } from 'src/docking/docking-access';
import { DockingController } from 'src/docking/docking.controller';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingMessages } from 'src/docking/docking-messages';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { EventsModule } from 'src/events/events.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { MatchingModule } from 'src/matching/matching.module';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Closed-door precise docking: needs brought, experts invited, 1:1 meetings at tables. */
@Module({
  imports: [EventsModule, NotificationsModule, CatalogModule, MatchingModule, InvitationsModule],
  controllers: [DockingController],
  providers: [DockingAccess, DockingSetupService, DockingMeetingsService, DockingMessages],
  exports: [DockingSetupService, DockingMeetingsService],
})
export class DockingModule {}
