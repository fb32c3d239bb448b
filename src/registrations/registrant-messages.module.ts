import { Global, Module } from '@nestjs/common';
import { EVENT_CHANGE_HOOK } from 'src/events/event-change-hook';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { RegistrantMessages } from 'src/registrations/registrant-messages';

/** Global, so that the events feature is told of changes without depending on registrations. */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [RegistrantMessages, { provide: EVENT_CHANGE_HOOK, useExisting: RegistrantMessages }],
  exports: [RegistrantMessages, EVENT_CHANGE_HOOK],
})
export class RegistrantMessagesModule {}
