import { AuditModule } from 'src/audit/audit.module';
import { Global, Module } from '@nestjs/common';
import { Invitees } from 'src/events/invitees';
import { EventsModule } from 'src/events/events.module';
import { InvitationHolders } from 'src/invitations/invitation-queries';
import { InvitationMessages } from 'src/invitations/invitation-messages';
import { InvitationsController } from 'src/invitations/invitations.controller';
import { InvitationsService } from 'src/invitations/invitations.service';
import { InviteeImport } from 'src/invitations/invitee-import';
import { InvitationSeats } from 'src/invitations/invitation-seats';
import { ImportsModule } from 'src/imports/imports.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';

/** Global for Invitees alone: event access, earlier in the dependency order, cannot import it. */
@Global()
@Module({
  imports: [EventsModule, NotificationsModule, RegistrationsModule, AuditModule, ImportsModule],
  exports: [InvitationsService, Invitees],
  controllers: [InvitationsController],
  providers: [
    InvitationsService,
    InvitationMessages,
    InviteeImport,
    InvitationSeats,
    { provide: Invitees, useClass: InvitationHolders },
  ],
})
export class InvitationsModule {}
