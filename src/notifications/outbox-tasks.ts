import { Injectable } from '@nestjs/common';

/** Runs a task when its outbox row falls due; running it twice must do no more than once. */
export type OutboxTask = (data: Record<string, unknown>) => Promise<void>;

/** Thrown for a task row that names no registered task: no retry will help. */
export class UnknownTaskError extends Error {}

/**
 * Where features register the tasks they schedule through the outbox (`Outbox.scheduleTask`), so
 * that the delivery, in the notifications feature, runs them without depending on the features.
 */
@Injectable()
export class OutboxTasks {
  private readonly tasks = new Map<string, OutboxTask>();

  register(name: string, task: OutboxTask): void {
    this.tasks.set(name, task);
  }

  async run(name: string, data: Record<string, unknown>): Promise<void> {
    const task = this.tasks.get(name);
    if (!task) throw new UnknownTaskError(`no task named ${name}`);
    await task(data);
  }
}
