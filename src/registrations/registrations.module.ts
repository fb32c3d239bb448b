import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { RegistrationsController } from 'src/registrations/registrations.controller';
import { RegistrationsService } from 'src/registrations/registrations.service';

@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsService],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}
