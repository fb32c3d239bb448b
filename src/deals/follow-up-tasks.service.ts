import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Audit, changes } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { Tx } from 'src/database/tx';
import { DealError } from 'src/deals/deals.errors';
import { CreateTaskDto, TaskDto, UpdateTaskDto } from 'src/deals/dto/deals.dto';
import { toTaskDto } from 'src/deals/dto/to-dto';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { FollowUpRecords } from 'src/deals/follow-up-records';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';

/** Follow-up tasks (跟踪服务) on an intent or a deal: an owner, a due day with its reminder, notes. */
@Injectable()
export class FollowUpTasksService {
  constructor(
    private readonly tx: Tx,
    private readonly records: FollowUpRecords,
    private readonly messages: FollowUpMessages,
    private readonly audit: Audit,
  ) {}

  async createTask(user: AuthUser, input: CreateTaskDto): Promise<TaskDto> {
    if ((input.intentId === undefined) === (input.dealId === undefined)) {
      throw CommonError.VALIDATION_FAILED({}, [
        {
          field: 'dealId',
          rule: 'oneOf',
          message: { 'zh-CN': '请指定一项意向或一项签约', en: 'name one intent or one deal' },
        },
      ]);
    }
    // The intent or deal is one the caller may see (404 otherwise) and follows as its event's manager.
    if (input.dealId) await this.records.lockedDeal(user, input.dealId, false);
    if (input.intentId) await this.records.lockedIntent(user, input.intentId, false);
    if (!(await this.records.followsTarget(user, input))) throw CommonError.FORBIDDEN();
    const id = await this.records.referencing(() =>
      this.tx.run(async (manager) => {
        const task = manager.create(FollowUpTask, {
          ...input,
          intentId: input.intentId ?? null,
          dealId: input.dealId ?? null,
          notes: input.notes ?? '',
          doneAt: null,
        });
        await manager.insert(FollowUpTask, task);
        await this.audit.record({
          subject: 'task',
          subjectId: task.id,
          action: 'created',
          actorId: user.id,
          before: null,
          after: { ...input },
        });
        await this.messages.task(task);
        return task.id;
      }),
    );
    return toTaskDto(await this.tx.repository(FollowUpTask).findOneByOrFail({ id }));
  }
  /** Its owner or a manager of its intent's or deal's event moves the due day, adds notes or marks it done. */
  async updateTask(user: AuthUser, id: string, input: UpdateTaskDto): Promise<TaskDto> {
    await this.tx.run(async (manager) => {
      const task = await manager.findOne(FollowUpTask, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!task || !(task.ownerId === user.id || (await this.records.followsTarget(user, task))))
        throw DealError.TASK_NOT_FOUND({ id });
      const { done, ...fields } = input;
      const next = { ...fields, ...(done && !task.doneAt ? { doneAt: new Date() } : {}) };
      const { before, after } = changes(task, next);
      if (Object.keys(after).length === 0) return;
      await manager.update(FollowUpTask, { id }, after);
      await this.audit.record({
        subject: 'task',
        subjectId: id,
        action: 'updated',
        actorId: user.id,
        before,
        after,
      });
      await this.messages.task({ ...task, ...after });
    });
    return toTaskDto(await this.tx.repository(FollowUpTask).findOneByOrFail({ id }));
  }
  /** A deal's tasks for those who may see the deal: open ones soonest first, then the done. */
  async dealTasks(user: AuthUser, dealId: string): Promise<TaskDto[]> {
    await this.records.lockedDeal(user, dealId, false);
    const tasks = await this.tx.repository(FollowUpTask).find({
      where: { dealId },
      order: { dueOn: 'ASC', id: 'ASC' },
    });
    const open = tasks.filter((t) => !t.doneAt);
    return [...open, ...tasks.filter((t) => t.doneAt)].map(toTaskDto);
  }
  /** The caller's open tasks, soonest first. */
  async myTasks(user: AuthUser): Promise<TaskDto[]> {
    const tasks = await this.tx.repository(FollowUpTask).find({
      where: { ownerId: user.id, doneAt: IsNull() },
      order: { dueOn: 'ASC', id: 'ASC' },
    });
    return tasks.map(toTaskDto);
  }
}
