import { Module } from '@nestjs/common';
import { Outbox } from 'src/notifications/outbox';
import { OutboxAttachments } from 'src/notifications/outbox-attachments';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { OutboxWake } from 'src/notifications/outbox-wake';

/**
 * What both sides need: recording messages and tasks in the outbox, waking the relay, and the
 * registries of tasks and of attachments made at send time.
 */
@Module({
  providers: [Outbox, OutboxTasks, OutboxAttachments, OutboxWake],
  exports: [Outbox, OutboxTasks, OutboxAttachments, OutboxWake],
})
export class NotificationsModule {}
