import { Inject, Injectable } from '@nestjs/common';
import { Audit, changes } from 'src/audit/audit';
import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { todayIn } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DomainEvents } from 'src/database/domain-events';
import { Tx } from 'src/database/tx';
import { DealChanged } from 'src/deals/deal-changed';
import { DealCheckIn } from 'src/deals/deal-check-in.entity';
import { Deal } from 'src/deals/deal.entity';
import { DealError } from 'src/deals/deals.errors';
import {
  RecordDealCheckInDto,
  CorrectDealDto,
  CreateDealDto,
  DealCheckInDto,
  DealDto,
  DealPageDto,
  DealQueryDto,
  IntentDto,
  MoveStageDto,
  RegisterContractDto,
} from 'src/deals/dto/deals.dto';
import { dealTitle, toDealDto, toIntentDto } from 'src/deals/dto/to-dto';
import { FollowUpMessages } from 'src/deals/follow-up-messages';
import { FollowUpRecords } from 'src/deals/follow-up-records';
import { Intent } from 'src/deals/intent.entity';
import { Event } from 'src/events/event.entity';
import { ownExpertProfile, ownNeed, ownResult } from 'src/catalog/catalog-queries';

/**
 * Deals (签约): signed from an intent or recorded on their own, corrected with reasons, followed
 * stage by stage with contacts and 3/6/12-month check-ins. Every change is in the audit log, with
 * who, when, what it was and what it became; a signed amount is never changed without a reason.
 */
@Injectable()
export class DealsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly records: FollowUpRecords,
    private readonly messages: FollowUpMessages,
    private readonly domainEvents: DomainEvents,
    private readonly audit: Audit,
  ) {}

  /** Signs the deal an intent led to: the intent must be in negotiation, and is then signed. */
  async sign(user: AuthUser, intentId: string, input: CreateDealDto): Promise<DealDto> {
    const id = await this.tx.run(async () => {
      const intent = await this.records.lockedIntent(user, intentId);
      await this.records.moveStage(user, 'intent', intent, { stage: 'signed' });
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
      const deal = await this.records.lockedDeal(user, id);
      const { before, after } = changes(deal, fields);
      if (Object.keys(after).length === 0) return;
      if ('contractValueFen' in after && !reason) {
        throw DealError.FOLLOW_UP_REASON_REQUIRED({ field: 'contractValueFen' }).onField('reason');
      }
      const next = { ...deal, ...after };
      await this.assertSigning(next);
      await this.records.referencing(() => manager.update(Deal, { id }, after));
      await this.audit.record({
        subject: 'deal',
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
      const deal = await this.records.lockedDeal(user, id);
      await this.records.moveStage(user, 'deal', deal, input);
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
      const deal = await this.records.lockedDeal(user, id);
      deal.lastContactAt = new Date();
      await manager.update(Deal, { id }, { lastContactAt: deal.lastContactAt });
      await this.audit.record({
        subject: 'deal',
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
  async checkIn(user: AuthUser, id: string, input: RecordDealCheckInDto): Promise<DealDto> {
    await this.tx.run(async (manager) => {
      const row = { dealId: id, ...input, note: input.note ?? '', recordedBy: user.id };
      const deal = await this.records.lockedDeal(user, id);
      await manager.upsert(DealCheckIn, row, ['dealId', 'months']);
      await this.audit.record({
        subject: 'check_in',
        subjectId: id,
        action: `check_in_${input.months}` as const,
        actorId: user.id,
        before: null,
        after: { ...input },
      });
      // The money received and the output value are figures of the deal's event.
      await this.domainEvents.publish(new DealChanged(id, [deal.eventId]));
    });
    return this.deal(user, id);
  }
  /**
   * Records the contract's registration (技术合同认定登记): its category, number, registered amount
   * and day; registering again corrects it, kept in the history. A number is registered once.
   */
  async register(user: AuthUser, id: string, input: RegisterContractDto): Promise<DealDto> {
    const today = todayIn(this.config.defaultTimeZone);
    if (input.registeredOn > today)
      throw DealError.DEAL_REGISTERED_IN_FUTURE({ today }).onField('registeredOn');
    await this.tx.run(async (manager) => {
      const deal = await this.records.lockedDeal(user, id);
      const { category: contractCategory, ...registration } = input;
      const { before, after } = changes(deal, { contractCategory, ...registration });
      if (Object.keys(after).length === 0) return;
      await manager.update(Deal, { id }, after);
      await this.audit.record({
        subject: 'deal',
        subjectId: id,
        action: 'registered',
        actorId: user.id,
        before,
        after,
      });
      await this.domainEvents.publish(new DealChanged(id, [deal.eventId]));
    });
    return this.deal(user, id);
  }
  async deal(user: AuthUser, id: string): Promise<DealDto> {
    return toDealDto(await this.records.lockedDeal(user, id, false));
  }

  /** How the deal stands 3, 6 and 12 months on, as last recorded. */
  async checkIns(user: AuthUser, id: string): Promise<DealCheckInDto[]> {
    await this.records.lockedDeal(user, id, false);
    const rows = await this.tx.repository(DealCheckIn).find({
      where: { dealId: id },
      order: { months: 'ASC' },
    });
    return rows.map(({ deal: _deal, dealId: _id, ...checkIn }) => checkIn);
  }
  async deals(user: AuthUser, query: DealQueryDto): Promise<DealPageDto> {
    const qb = this.tx
      .repository(Deal)
      .createQueryBuilder('d')
      .where(await this.records.followedBy(user, 'd'));
    if (query.eventId) qb.andWhere('d.eventId = :eventId', { eventId: query.eventId });
    if (query.stage) qb.andWhere('d.stage = :stage', { stage: query.stage });
    const [rows, total] = await qb
      .orderBy('d.signedOn', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toDealDto), total, limit: query.limit, offset: query.offset };
  }
  /** Every change of the deal and its check-ins, oldest first. */
  async history(user: AuthUser, id: string): Promise<AuditEntryDto[]> {
    await this.records.lockedDeal(user, id, false);
    return this.audit.history([
      { subject: 'deal', id },
      { subject: 'check_in', id },
    ]);
  }
  /**
   * The intents and deals a party is in: those the user expressed, about the user's results or
   * expert profile, or (deals) about the user's needs; newest first.
   */
  async mine(user: AuthUser): Promise<{ intents: IntentDto[]; deals: DealDto[] }> {
    const intents = await this.tx
      .repository(Intent)
      .createQueryBuilder('i')
      .where('i.userId = :me', { me: user.id })
      .orWhere(...ownResult('i.result_id', user.id))
      .orWhere(...ownExpertProfile('i.expert_id', user.id))
      .orderBy('i.createdAt', 'DESC')
      .getMany();
    const intentIds = intents.map((i) => i.id);
    const deals = await this.tx
      .repository(Deal)
      .createQueryBuilder('d')
      .where(...ownResult('d.result_id', user.id))
      .orWhere(...ownNeed('d.need_id', user.id))
      .orWhere(intentIds.length > 0 ? 'd.intentId IN (:...intentIds)' : 'false', { intentIds })
      .orderBy('d.signedOn', 'DESC')
      .getMany();
    return { intents: intents.map(toIntentDto), deals: deals.map(toDealDto) };
  }
  private async insertDeal(
    user: AuthUser,
    input: CreateDealDto,
    intentId: string | null,
  ): Promise<string> {
    const { manager } = this.tx;
    await this.records.assertRecordsFor(user, input.eventId);
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
    await this.records.referencing(() => manager.insert(Deal, deal));
    await this.audit.record({
      subject: 'deal',
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
}
