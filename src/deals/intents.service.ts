import { actsAs } from 'src/access/policy';
import { Injectable } from '@nestjs/common';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { DealError } from 'src/deals/deals.errors';
import {
  CreateIntentDto,
  IntentDto,
  IntentPageDto,
  IntentQueryDto,
  MoveStageDto,
} from 'src/deals/dto/deals.dto';
import { toIntentDto } from 'src/deals/dto/to-dto';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { FollowUpRecords } from 'src/deals/follow-up-records';
import { Intent } from 'src/deals/intent.entity';
import { IntentParties } from 'src/deals/intent-parties';
import { EventAccess } from 'src/events/event-access';

/**
 * Intents (合作意向): an enterprise's wish to cooperate on a result or with an expert team, from an
 * event, a docking meeting or a live stream, followed stage by stage until it is signed (see
 * DealsService.sign) or dropped.
 */
@Injectable()
export class IntentsService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly records: FollowUpRecords,
    private readonly messages: FollowUpMessages,
    private readonly audit: Audit,
    private readonly parties: IntentParties,
  ) {}

  async createIntent(user: AuthUser, input: CreateIntentDto): Promise<IntentDto> {
    if (!input.resultId && !input.expertId) {
      throw DealError.INTENT_NEEDS_TARGET().onField('resultId', 'expertId');
    }
    if (input.eventId) await this.access.visibleEvent(user, input.eventId);
    const id = await this.records.referencing(() =>
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
        await this.audit.record({
          subject: 'intent',
          subjectId: intent.id,
          action: 'created',
          actorId: user.id,
          before: null,
          after: { ...input },
        });
        await this.parties.arrived(intent, user, input.shareMyContacts === true);
        return intent.id;
      }),
    );
    return toIntentDto(await this.tx.repository(Intent).findOneByOrFail({ id }));
  }
  /**
   * Organizers see the intents of the events they manage and those they own (of one event, with
   * `eventId`); everyone else sees their own.
   */
  async intents(user: AuthUser, query: IntentQueryDto): Promise<IntentPageDto> {
    const qb = this.tx.repository(Intent).createQueryBuilder('i');
    if (query.eventId) {
      const { manages: isManager } = await this.access.visibleEvent(user, query.eventId);
      qb.where('i.eventId = :eventId', { eventId: query.eventId });
      if (!isManager) qb.andWhere('i.userId = :me', { me: user.id });
    } else if (actsAs(user, 'organizer')) {
      qb.where(await this.records.followedBy(user, 'i'));
    } else {
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
      const intent = await this.records.lockedIntent(user, id);
      await this.records.moveStage(user, 'intent', intent, input);
      await this.messages.contacted('intent', intent, intent.enterpriseName);
    });
    return toIntentDto(await this.tx.repository(Intent).findOneByOrFail({ id }));
  }
  async assignIntent(user: AuthUser, id: string, ownerId: string): Promise<IntentDto> {
    await this.tx.run(async (manager) => {
      const intent = await this.records.lockedIntent(user, id);
      await this.records.referencing(() => manager.update(Intent, { id }, { ownerId }));
      await this.audit.record({
        subject: 'intent',
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
  /** One intent, for its author, its owner and organizers; 404 for anyone else. */
  async intent(user: AuthUser, id: string): Promise<IntentDto> {
    return toIntentDto(await this.records.lockedIntent(user, id, false));
  }
}
