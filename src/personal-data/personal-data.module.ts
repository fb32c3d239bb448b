import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { DealsModule } from 'src/deals/deals.module';
import { DockingModule } from 'src/docking/docking.module';
import { IntentSharing } from 'src/personal-data/intent-sharing';
import { IdentityModule } from 'src/identity/identity.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { CoHostSharing } from 'src/personal-data/co-host-sharing';
import { ContactSharing } from 'src/personal-data/contact-sharing';
import { SharingController } from 'src/personal-data/sharing.controller';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { PersonalDataAudit } from 'src/personal-data/personal-data-audit';
import { PersonalDataController } from 'src/personal-data/personal-data.controller';
import { Retention } from 'src/personal-data/retention';
import { Rights } from 'src/personal-data/rights';

/**
 * PIPL's duties over the records the features keep: retention (anonymising an event's people
 * when its period ends), a person's copy and deletion, invitation lists purged, contacts shown to
 * a docking counterpart only with separate consent, and the audit of all of it.
 */
@Module({
  imports: [
    IdentityModule,
    EventsModule,
    RegistrationsModule,
    NotificationsModule,
    AuditModule,
    DockingModule,
    DealsModule,
  ],
  controllers: [PersonalDataController, SharingController],
  providers: [Retention, Rights, ContactSharing, CoHostSharing, IntentSharing, PersonalDataAudit],
  exports: [Retention, Rights, CoHostSharing, IntentSharing],
})
export class PersonalDataModule {}
