import { Module } from '@nestjs/common';
import { Outbox } from 'src/notifications/outbox';
import { OutboxTasks } from 'src/notifications/outbox-tasks';

/** What both sides need: recording messages and tasks in the outbox, and the tasks' registry. */
@Module({
  providers: [Outbox, OutboxTasks],
  exports: [Outbox, OutboxTasks],
})
export class NotificationsModule {}
