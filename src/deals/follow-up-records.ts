import { Injectable } from '@nestjs/common';
import { Brackets, QueryFailedError } from 'typeorm';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { Deal } from 'src/deals/deal.entity';
import { DealError } from 'src/deals/deals.errors';
import { STAGE_LIFECYCLE, Stage } from 'src/deals/follow-up-status';
import { Intent } from 'src/deals/intent.entity';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { eventOfOrganizations } from 'src/events/event-queries';

/**
 * What intents, deals and follow-up tasks share: who may see an intent or a deal (404 for anyone
 * else), the stage moves by the one table, and a reference to nothing answered as the client's 400.
 */
@Injectable()
export class FollowUpRecords {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly audit: Audit,
  ) {}

  /** The intent for its author, its owner and organizers; 404 for anyone else. */
  async lockedIntent(user: AuthUser, id: string, lock = true): Promise<Intent> {
    const { manager } = this.tx;
    const intent = await manager.findOne(Intent, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
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
  async lockedDeal(user: AuthUser, id: string, lock = true): Promise<Deal> {
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
  /**
   * The managers of the event's organization; what came of no event belongs to no organization,
   * so only its people (author, owner) and the platform's admins follow it.
   */
  async organizes(user: AuthUser, eventId: string | null): Promise<boolean> {
    if (!eventId) return user.roles.includes('admin');
    const event = await this.tx.repository(Event).findOneBy({ id: eventId });
    return event !== null && manages(await this.access.managedBy(user), event);
  }

  /**
   * Whether the user follows what a task is about as a manager of its event (see `organizes`):
   * who may give a task on it or change a task they do not own.
   */
  async followsTarget(
    user: AuthUser,
    target: { intentId?: string | null; dealId?: string | null },
  ): Promise<boolean> {
    const { manager } = this.tx;
    const item = target.dealId
      ? await manager.findOneBy(Deal, { id: target.dealId })
      : target.intentId
        ? await manager.findOneBy(Intent, { id: target.intentId })
        : null;
    return item !== null && (await this.organizes(user, item.eventId));
  }

  /**
   * What of intents (`i`) or deals (`d`) an organizer's list holds: those of the events they manage,
   * and those they own or recorded; everything for an admin.
   */
  async followedBy(user: AuthUser, alias: 'i' | 'd'): Promise<Brackets> {
    const managed = await this.access.managedBy(user);
    return new Brackets((qb) => {
      qb.where(...eventOfOrganizations(`${alias}.event_id`, managed));
      if (managed === 'all') qb.orWhere('true');
      qb.orWhere(`${alias}.owner_id = :follower`, { follower: user.id });
      if (alias === 'd') qb.orWhere('d.created_by = :follower', { follower: user.id });
    });
  }
  /**
   * A deal or intent recorded for an event is its managers' to record: 404 for an event the user
   * may not know, 403 for one they only see.
   */
  async assertRecordsFor(user: AuthUser, eventId: string | null | undefined): Promise<void> {
    if (eventId) await this.access.managedEvent(user, eventId);
  }

  /** A reference to something that does not exist (a foreign key) is the client's 400. */
  async referencing<T>(write: () => Promise<T>): Promise<T> {
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
  /** Moves an intent or a deal a stage on, or drops it (with a reason), and records the change. */
  async moveStage(
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
    await this.audit.record({
      subject: kind,
      subjectId: item.id,
      action: 'stage',
      actorId: user.id,
      before,
      after: { stage: item.stage },
      reason: input.reason,
    });
  }
}
