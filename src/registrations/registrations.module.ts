import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { CheckInController } from 'src/registrations/check-in.controller';
import { CheckInService } from 'src/registrations/check-in.service';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { RegistrationsController } from 'src/registrations/registrations.controller';
import { RegistrationsService } from 'src/registrations/registrations.service';

@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [RegistrationsController, CheckInController],
  providers: [RegistrationsService, CheckInService, RegistrantMessages],
  exports: [RegistrationsService, CheckInService],
})
export class RegistrationsModule {}
