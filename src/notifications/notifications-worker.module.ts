import { Module } from '@nestjs/common';
import { EmailChannel } from 'src/notifications/channels/email.channel';
import { SmsChannel } from 'src/notifications/channels/sms.channel';
import { DeliveryService } from 'src/notifications/delivery.service';
import { DeliveryProcessor } from 'src/notifications/jobs/delivery.processor';
import { MessageRenderer } from 'src/notifications/message-renderer';
import { OutboxRelay } from 'src/notifications/outbox-relay';

/** What the worker process adds: the relay into BullMQ and the delivery of messages. */
@Module({
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
