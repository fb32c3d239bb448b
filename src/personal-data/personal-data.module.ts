import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { ContactSharing } from 'src/personal-data/contact-sharing';
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
  imports: [EventsModule, NotificationsModule, AuditModule, DockingModule],
  controllers: [PersonalDataController],
  providers: [Retention, Rights, ContactSharing, PersonalDataAudit],
  exports: [Retention, Rights],
})
export class PersonalDataModule {}
