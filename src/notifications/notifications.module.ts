import { Module } from '@nestjs/common';
import { Outbox } from 'src/notifications/outbox';

/** What the API side needs: recording messages in the outbox. */
@Module({
  providers: [Outbox],
  exports: [Outbox],
})
export class NotificationsModule {}
