import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { InvitationMessages } from 'src/invitations/invitation-messages';
import { InvitationsController } from 'src/invitations/invitations.controller';
import { InvitationsService } from 'src/invitations/invitations.service';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';

@Module({
  imports: [EventsModule, NotificationsModule, RegistrationsModule],
  exports: [InvitationsService],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationMessages],
})
export class InvitationsModule {}
