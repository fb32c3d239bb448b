import { Module } from '@nestjs/common';
import { EmailChannel } from 'src/notifications/channels/email.channel';
import { SmsChannel } from 'src/notifications/channels/sms.channel';
import { DeliveryService } from 'src/notifications/delivery.service';
import { DeliveryProcessor } from 'src/notifications/jobs/delivery.processor';
import { MessageRenderer } from 'src/notifications/message-renderer';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { OutboxRelay } from 'src/notifications/outbox-relay';

/** What the worker process adds: the relay into BullMQ, the delivery of messages and tasks. */
@Module({
  imports: [NotificationsModule],
  providers: [
    OutboxRelay,
    MessageRenderer,
    EmailChannel,
    SmsChannel,
    DeliveryService,
    DeliveryProcessor,
  ],
})
export class NotificationsWorkerModule {}
