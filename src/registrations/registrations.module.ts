import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { CheckInController } from 'src/registrations/check-in.controller';
import { CheckInService } from 'src/registrations/check-in.service';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationViews } from 'src/registrations/registration-views';
import { RegistrationsController } from 'src/registrations/registrations.controller';
import { RegistrationHolds } from 'src/registrations/registration-holds';
import { RegistrationLinks } from 'src/registrations/registration-links';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { QuickAdmission } from 'src/registrations/quick-admission';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';

@Module({
  imports: [EventsModule, NotificationsModule, AuditModule],
  controllers: [RegistrationsController, CheckInController],
  providers: [
    RegistrationsService,
    SeatAllocationService,
    RegistrantsService,
    RegistrationViews,
    CheckInService,
    RegistrantMessages,
    RegistrationHolds,
    RegistrationLinks,
    QuickAdmission,
  ],
  exports: [
    RegistrantMessages,
    RegistrationHolds,
    RegistrationLinks,
    RegistrationsService,
    SeatAllocationService,
    RegistrantsService,
    RegistrationViews,
    CheckInService,
  ],
})
export class RegistrationsModule {}
