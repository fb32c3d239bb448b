import { Inject, Injectable } from '@nestjs/common';
import { IsNull, QueryFailedError } from 'typeorm';
import { isCurator } from 'src/catalog/catalog-rules';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { AuditEntry } from 'src/deals/audit-entry.entity';
import { audit, changes } from 'src/deals/audit-log';
import { DealCheckIn } from 'src/deals/deal-check-in.entity';
import { Deal } from 'src/deals/deal.entity';
import { DealError } from 'src/deals/deals.errors';
import {
  AuditEntryDto,
  CheckInDto,
  CorrectDealDto,
  CreateDealDto,
  CreateIntentDto,
  CreateTaskDto,
  DealDto,
  DealPageDto,
  DealQueryDto,
  IntentDto,
  IntentPageDto,
  IntentQueryDto,
  MoveStageDto,
  TaskDto,
  UpdateTaskDto,
} from 'src/deals/dto/deals.dto';
import { STAGE_LIFECYCLE, Stage } from 'src/deals/follow-up-status';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';
import { Intent } from 'src/deals/intent.entity';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { Tx } from 'src/database/tx';
import { todayIn } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DealChanged } from 'src/deals/deal-changed';
import { DomainEvents } from 'src/database/domain-events';

/**
 * Intents (合作意向), deals (签约) and their follow-up: stages by the pure table, owners, tasks,
 * check-ins. Every change of a deal, an intent or a task is in the audit log, with who, when, what
 * it was and what it became; a signed amount is never changed without a reason.
 */
@Injectable()
export class DealsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly messages: FollowUpMessages,
    private readonly domainEvents: DomainEvents,
  ) {}

  async createIntent(user: AuthUser, input: CreateIntentDto): Promise<IntentDto> {
    if (!input.resultId && !input.expertId) {
      throw DealError.INTENT_NEEDS_TARGET().onField('resultId', 'expertId');
    }
    if (input.eventId) await this.access.visibleEvent(user, input.eventId);
    const id = await this.referencing(() =>
      this.tx.run(async (manager) => {
        const intent = manager.create(Intent, {
          ...input,
          userId: user.id,
          resultId: input.resultId ?? null,
          expertId: input.expertId ?? null,
          eventId: input.eventId ?? null,
          dockingMeetingId: input.dockingMeetingId ?? null,
          note: input.note ?? '',
          stage: 'intent',
          ownerId: null,
        });
        await manager.insert(Intent, intent);
        await audit(manager, {
          subjectType: 'intent',
          subjectId: intent.id,
          action: 'created',
          actorId: user.id,
          before: null,
          after: { ...input },
        });
        return intent.id;
      }),
    );
    return toIntentDto(await this.tx.repository(Intent).findOneByOrFail({ id }));
  }

  /** Organizers see every intent (of an event, with `eventId`); enterprises see their own. */
  async intents(user: AuthUser, query: IntentQueryDto): Promise<IntentPageDto> {
    const qb = this.tx.repository(Intent).createQueryBuilder('i');
    if (query.eventId) {
      const { manages: isManager } = await this.access.visibleEvent(user, query.eventId);
      qb.where('i.eventId = :eventId', { eventId: query.eventId });
      if (!isManager) qb.andWhere('i.userId = :me', { me: user.id });
    } else if (!isCurator(user)) {
      qb.where('i.userId = :me', { me: user.id });
    }
    if (query.stage) qb.andWhere('i.stage = :stage', { stage: query.stage });
    const [rows, total] = await qb
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toIntentDto), total, limit: query.limit, offset: query.offset };
  }

  /** Moves an intent a stage on, or drops it (with a reason); signing is `sign`. */
  async moveIntent(user: AuthUser, id: string, input: MoveStageDto): Promise<IntentDto> {
    if (input.stage === 'signed') {
      throw DealError.FOLLOW_UP_INVALID_STAGE({
        from: 'intent',
        to: 'signed',
        sign: `POST /api/intents/${id}/deal`,
      });
    }
    await this.tx.run(async () => {
      const intent = await this.lockedIntent(user, id);
      await this.move(user, 'intent', intent, input);
      await this.messages.contacted('intent', intent, intent.enterpriseName);
    });
    return toIntentDto(await this.tx.repository(Intent).findOneByOrFail({ id }));
  }

  async assignIntent(user: AuthUser, id: string, ownerId: string): Promise<IntentDto> {
    await this.tx.run(async (manager) => {
      const intent = await this.lockedIntent(user, id);
      await this.referencing(() => manager.update(Intent, { id }, { ownerId }));
      await audit(manager, {
        subjectType: 'intent',
        subjectId: id,
        action: 'assigned',
        actorId: user.id,
        before: { ownerId: intent.ownerId },
        after: { ownerId },
      });
      intent.ownerId = ownerId;
      await this.messages.contacted('intent', intent, intent.enterpriseName);
    });
    return toIntentDto(await this.tx.repository(Intent).findOneByOrFail({ id }));
  }

  /** Signs the deal an intent led to: the intent must be in negotiation, and is then signed. */
  async sign(user: AuthUser, intentId: string, input: CreateDealDto): Promise<DealDto> {
    const id = await this.tx.run(async () => {
      const intent = await this.lockedIntent(user, intentId);
      await this.move(user, 'intent', intent, { stage: 'signed' });
      await this.messages.closed('intent', intent.id);
      return this.insertDeal(
        user,
        // A field left out is still a key of the DTO (undefined): the intent's values fill it.
        {
          ...input,
          resultId: input.resultId ?? intent.resultId ?? undefined,
          eventId: input.eventId ?? intent.eventId ?? undefined,
          dockingMeetingId: input.dockingMeetingId ?? intent.dockingMeetingId ?? undefined,
        },
        intent.id,
      );
    });
    return this.deal(user, id);
  }

  async createDeal(user: AuthUser, input: CreateDealDto): Promise<DealDto> {
    const id = await this.tx.run(() => this.insertDeal(user, input, null));
    return this.deal(user, id);
  }

  /** Corrects a deal; changing the amount needs a reason. The audit log keeps before and after. */
  async correct(user: AuthUser, id: string, input: CorrectDealDto): Promise<DealDto> {
    const { reason, ...fields } = input;
    await this.tx.run(async (manager) => {
      const deal = await this.lockedDeal(user, id);
      const { before, after } = changes(deal, fields);
      if (Object.keys(after).length === 0) return;
      if ('contractValueFen' in after && !reason) {
        throw DealError.FOLLOW_UP_REASON_REQUIRED({ field: 'contractValueFen' }).onField('reason');
      }
      const next = { ...deal, ...after };
      await this.assertSigning(next);
      await this.referencing(() => manager.update(Deal, { id }, after));
      await audit(manager, {
        subjectType: 'deal',
        subjectId: id,
        action: 'corrected',
        actorId: user.id,
        before,
        after,
        reason,
      });
      // A deal moved between events changes the figures of both.
      await this.domainEvents.publish(new DealChanged(id, [deal.eventId, next.eventId]));
    });
    return this.deal(user, id);
  }

  async moveDeal(user: AuthUser, id: string, input: MoveStageDto): Promise<DealDto> {
    await this.tx.run(async () => {
      const deal = await this.lockedDeal(user, id);
      await this.move(user, 'deal', deal, input);
      if (deal.stage === 'dropped' || deal.stage === 'landed')
        await this.messages.closed('deal', id);
      else await this.messages.contacted('deal', deal, dealTitle(deal));
      await this.domainEvents.publish(new DealChanged(id, [deal.eventId]));
    });
    return this.deal(user, id);
  }

  /** A contact with the parties: the no-contact reminder starts over. */
  async contact(user: AuthUser, id: string, note: string): Promise<DealDto> {
    await this.tx.run(async (manager) => {
      const deal = await this.lockedDeal(user, id);
      deal.lastContactAt = new Date();
      await manager.update(Deal, { id }, { lastContactAt: deal.lastContactAt });
      await audit(manager, {
        subjectType: 'deal',
        subjectId: id,
        action: 'contacted',
        actorId: user.id,
        before: null,
        after: { note },
      });
      await this.messages.contacted('deal', deal, dealTitle(deal));
    });
    return this.deal(user, id);
  }

  async checkIn(user: AuthUser, id: string, input: CheckInDto): Promise<DealDto> {
    await this.tx.run(async (manager) => {
      await this.lockedDeal(user, id);
      const row = { dealId: id, ...input, note: input.note ?? '', recordedBy: user.id };
      await manager.upsert(DealCheckIn, row, ['dealId', 'months']);
      await audit(manager, {
        subjectType: 'check_in',
        subjectId: id,
        action: `check_in_${input.months}`,
        actorId: user.id,
        before: null,
        after: { ...input },
      });
    });
    return this.deal(user, id);
  }

  async deal(user: AuthUser, id: string): Promise<DealDto> {
    return toDealDto(await this.lockedDeal(user, id, false));
  }

  async deals(user: AuthUser, query: DealQueryDto): Promise<DealPageDto> {
    if (!isCurator(user)) throw CommonError.FORBIDDEN();
    const [rows, total] = await this.tx.repository(Deal).findAndCount({
      where: {
        ...(query.eventId ? { eventId: query.eventId } : {}),
        ...(query.stage ? { stage: query.stage } : {}),
      },
      order: { signedOn: 'DESC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return { items: rows.map(toDealDto), total, limit: query.limit, offset: query.offset };
  }

  /** Every change of the deal and its check-ins, oldest first. */
  async history(user: AuthUser, id: string): Promise<AuditEntryDto[]> {
    await this.deal(user, id);
    const entries = await this.tx.repository(AuditEntry).find({
      where: [
        { subjectType: 'deal', subjectId: id },
        { subjectType: 'check_in', subjectId: id },
      ],
      order: { id: 'ASC' },
    });
    return entries.map(({ action, actorId, at, before, after, reason }) => ({
      action,
      actorId,
      at,
      before,
      after,
      reason,
    }));
  }

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
    if (!isCurator(user)) throw CommonError.FORBIDDEN();
    const id = await this.referencing(() =>
      this.tx.run(async (manager) => {
        const task = manager.create(FollowUpTask, {
          ...input,
          intentId: input.intentId ?? null,
          dealId: input.dealId ?? null,
          notes: input.notes ?? '',
          doneAt: null,
        });
        await manager.insert(FollowUpTask, task);
        await audit(manager, {
          subjectType: 'task',
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

  /** Its owner or an organizer moves the due day, adds notes or marks it done. */
  async updateTask(user: AuthUser, id: string, input: UpdateTaskDto): Promise<TaskDto> {
    await this.tx.run(async (manager) => {
      const task = await manager.findOne(FollowUpTask, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!task || !(task.ownerId === user.id || isCurator(user)))
        throw DealError.TASK_NOT_FOUND({ id });
      const { done, ...fields } = input;
      const next = { ...fields, ...(done && !task.doneAt ? { doneAt: new Date() } : {}) };
      const { before, after } = changes(task, next);
      if (Object.keys(after).length === 0) return;
      await manager.update(FollowUpTask, { id }, after);
      await audit(manager, {
        subjectType: 'task',
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
    await this.deal(user, dealId);
    const tasks = await this.tx.repository(FollowUpTask).find({
      where: { dealId },
      order: { dueOn: 'ASC', id: 'ASC' },
    });
    const open = tasks.filter((t) => !t.doneAt);
    return [...open, ...tasks.filter((t) => t.doneAt)].map(toTaskDto);
  }

  /**
   * The intents and deals a party is in: those the user expressed, about the user's results or
   * expert profile, or (deals) about the user's needs; newest first.
   */
  async mine(user: AuthUser): Promise<{ intents: IntentDto[]; deals: DealDto[] }> {
    const mineWhere = (alias: string) =>
      `${alias}.result_id IN (SELECT id FROM research_result WHERE owner_id = :me)`;
    const intents = await this.tx
      .repository(Intent)
      .createQueryBuilder('i')
      .where('i.userId = :me', { me: user.id })
      .orWhere(mineWhere('i'), { me: user.id })
      .orWhere('i.expert_id IN (SELECT id FROM expert_profile WHERE user_id = :me)', {
        me: user.id,
      })
      .orderBy('i.createdAt', 'DESC')
      .getMany();
    const intentIds = intents.map((i) => i.id);
    const deals = await this.tx
      .repository(Deal)
      .createQueryBuilder('d')
      .where(mineWhere('d'), { me: user.id })
      .orWhere('d.need_id IN (SELECT id FROM technical_need WHERE owner_id = :me)', { me: user.id })
      .orWhere(intentIds.length > 0 ? 'd.intentId IN (:...intentIds)' : 'false', { intentIds })
      .orderBy('d.signedOn', 'DESC')
      .getMany();
    return { intents: intents.map(toIntentDto), deals: deals.map(toDealDto) };
  }

  /** The caller's open tasks, soonest first. */
  async myTasks(user: AuthUser): Promise<TaskDto[]> {
    const tasks = await this.tx.repository(FollowUpTask).find({
      where: { ownerId: user.id, doneAt: IsNull() },
      order: { dueOn: 'ASC', id: 'ASC' },
    });
    return tasks.map(toTaskDto);
  }

  private async insertDeal(
    user: AuthUser,
    input: CreateDealDto,
    intentId: string | null,
  ): Promise<string> {
    const { manager } = this.tx;
    const deal = manager.create(Deal, {
      ...input,
      intentId,
      expertTeam: input.expertTeam ?? '',
      resultId: input.resultId ?? null,
      needId: input.needId ?? null,
      eventId: input.eventId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      dockingMeetingId: input.dockingMeetingId ?? null,
      atCeremony: input.atCeremony ?? false,
      attachments: input.attachments ?? [],
      stage: 'signed',
      ownerId: input.ownerId ?? user.id,
      createdBy: user.id,
      lastContactAt: new Date(),
    });
    await this.assertSigning(deal);
    await this.referencing(() => manager.insert(Deal, deal));
    await audit(manager, {
      subjectType: 'deal',
      subjectId: deal.id,
      action: 'created',
      actorId: user.id,
      before: null,
      after: { ...input, intentId },
    });
    await this.messages.scheduleCheckIns(deal);
    await this.domainEvents.publish(new DealChanged(deal.id, [deal.eventId]));
    await this.messages.contacted('deal', deal, dealTitle(deal));
    return deal.id;
  }

  /** A ceremony needs its event, not cancelled; nothing is signed tomorrow (in the platform's zone). */
  private async assertSigning(deal: Deal): Promise<void> {
    const { manager } = this.tx;
    const today = todayIn(this.config.defaultTimeZone);
    if (deal.signedOn > today) throw DealError.DEAL_SIGNED_IN_FUTURE({ today }).onField('signedOn');
    if (!deal.atCeremony) return;
    if (!deal.eventId) throw DealError.DEAL_CEREMONY_NEEDS_EVENT().onField('eventId');
    const event = await manager.findOneBy(Event, { id: deal.eventId });
    if (!event) throw DealError.DEAL_UNKNOWN_REFERENCE().onField('eventId');
    if (event.status === 'cancelled')
      throw DealError.DEAL_EVENT_CANCELLED({ eventId: event.id }).onField('atCeremony');
  }

  private async move(
    user: AuthUser,
    kind: 'deal' | 'intent',
    item: Deal | Intent,
    input: { stage: Stage; reason?: string },
  ): Promise<void> {
    const { manager } = this.tx;
    STAGE_LIFECYCLE.assertMove(item.stage, input.stage);
    if (input.stage === 'dropped' && !input.reason)
      throw DealError.FOLLOW_UP_REASON_REQUIRED().onField('reason');
    const before = { stage: item.stage };
    item.stage = input.stage;
    item.dropReason = input.stage === 'dropped' ? input.reason! : item.dropReason;
    item.lastContactAt = new Date();
    await manager.update(
      kind === 'deal' ? Deal : Intent,
      { id: item.id },
      {
        stage: item.stage,
        dropReason: item.dropReason,
        lastContactAt: item.lastContactAt,
      },
    );
    await audit(manager, {
      subjectType: kind,
      subjectId: item.id,
      action: 'stage',
      actorId: user.id,
      before,
      after: { stage: item.stage },
      reason: input.reason,
    });
  }

  /** The intent for its author, its owner and organizers; 404 for anyone else. */
  private async lockedIntent(user: AuthUser, id: string): Promise<Intent> {
    const { manager } = this.tx;
    const intent = await manager.findOne(Intent, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (
      !intent ||
      !(
        intent.userId === user.id ||
        intent.ownerId === user.id ||
        (await this.organizes(user, intent.eventId))
      )
    ) {
      throw DealError.INTENT_NOT_FOUND({ id });
    }
    return intent;
  }

  /** The deal for its owner and organizers; 404 for anyone else. */
  private async lockedDeal(user: AuthUser, id: string, lock = true): Promise<Deal> {
    const { manager } = this.tx;
    const deal = await manager.findOne(Deal, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!deal || !(deal.ownerId === user.id || (await this.organizes(user, deal.eventId)))) {
      throw DealError.DEAL_NOT_FOUND({ id });
    }
    return deal;
  }

  /** Organizers of the event, or any organizer for what came of no event. */
  private async organizes(user: AuthUser, eventId: string | null): Promise<boolean> {
    if (!isCurator(user)) return false;
    if (!eventId) return true;
    const event = await this.tx.repository(Event).findOneBy({ id: eventId });
    return event !== null && manages(await this.access.managedBy(user), event);
  }

  /** A reference to something that does not exist (a foreign key) is the client's 400. */
  private async referencing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23503'
      ) {
        throw DealError.DEAL_UNKNOWN_REFERENCE({
          constraint: (error.driverError as { constraint?: string }).constraint,
        });
      }
      throw error;
    }
  }
}

const dealTitle = (d: Deal) => `${d.enterpriseName} × ${d.institutionName}`;

function toIntentDto(i: Intent): IntentDto {
  return {
    id: i.id,
    userId: i.userId,
    enterpriseName: i.enterpriseName,
    resultId: i.resultId,
    expertId: i.expertId,
    eventId: i.eventId,
    dockingMeetingId: i.dockingMeetingId,
    note: i.note,
    stage: i.stage,
    dropReason: i.dropReason,
    ownerId: i.ownerId,
    lastContactAt: i.lastContactAt,
    createdAt: i.createdAt,
  };
}

function toDealDto(d: Deal): DealDto {
  return {
    id: d.id,
    intentId: d.intentId,
    enterpriseName: d.enterpriseName,
    institutionName: d.institutionName,
    expertTeam: d.expertTeam,
    resultId: d.resultId,
    needId: d.needId,
    eventId: d.eventId,
    agendaItemId: d.agendaItemId,
    dockingMeetingId: d.dockingMeetingId,
    type: d.type,
    contractValueFen: d.contractValueFen,
    signedOn: d.signedOn,
    atCeremony: d.atCeremony,
    attachments: d.attachments,
    stage: d.stage,
    dropReason: d.dropReason,
    ownerId: d.ownerId,
    lastContactAt: d.lastContactAt,
    createdAt: d.createdAt,
  };
}

function toTaskDto(t: FollowUpTask): TaskDto {
  return {
    id: t.id,
    intentId: t.intentId,
    dealId: t.dealId,
    ownerId: t.ownerId,
    title: t.title,
    dueOn: t.dueOn,
    notes: t.notes,
    doneAt: t.doneAt,
  };
}
