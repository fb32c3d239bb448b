import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, MoreThan } from 'typeorm';
import { AgendaService } from 'src/agenda/agenda.service';
import { AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { CatalogError } from 'src/catalog/catalog.errors';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { Releases } from 'src/catalog/releases';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';
import {
  AssignReviewersDto,
  DecideRoadshowDto,
  ReviewDto,
  RoadshowCallDto,
  RoadshowCallViewDto,
  RoadshowDto,
  ScheduleRoadshowDto,
  SubmitRoadshowDto,
} from 'src/roadshows/dto/roadshow.dto';
import { Roadshow, RoadshowCall, RoadshowReview } from 'src/roadshows/roadshow.entity';
import { callIsOpen, ROADSHOW_LIFECYCLE, meanScore } from 'src/roadshows/roadshow-status';
import { RoadshowError } from 'src/roadshows/roadshows.errors';
import { Tx } from 'src/database/tx';
import { Audit } from 'src/audit/audit';
import { moveStatus } from 'src/database/move-status';
import { reaching } from 'src/notifications/contact';

/**
 * Roadshows (路演): an event calls for them, experts submit a result with presenters and an
 * abstract, assigned reviewers score, organizers decide (presenters are told) and put the
 * accepted ones on the agenda.
 */
@Injectable()
export class RoadshowsService {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly agenda: AgendaService,
    private readonly outbox: Outbox,
    private readonly audit: Audit,
    private readonly results: ResultsService,
    private readonly releases: Releases,
  ) {}

  async setCall(
    user: AuthUser,
    eventId: string,
    input: RoadshowCallDto,
  ): Promise<RoadshowCallViewDto> {
    await this.access.editableEvent(user, eventId);
    if (input.closesAt <= input.opensAt) {
      throw CommonError.VALIDATION_FAILED({}, [
        {
          field: 'closesAt',
          rule: 'after',
          message: { 'zh-CN': '截止时间须晚于开始时间', en: 'must be after opensAt' },
        },
      ]);
    }
    await this.tx.repository(RoadshowCall).save({
      eventId,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      fields: input.fields ?? [],
      description: input.description ?? '',
    });
    return this.call(user, eventId);
  }

  async call(user: AuthUser | undefined, eventId: string): Promise<RoadshowCallViewDto> {
    await this.access.visibleEvent(user, eventId);
    const call = await this.tx.repository(RoadshowCall).findOneBy({ eventId });
    if (!call) throw RoadshowError.ROADSHOW_CALL_NOT_FOUND({ eventId });
    return { ...call, open: callIsOpen(call, new Date()) };
  }

  async submit(user: AuthUser, eventId: string, input: SubmitRoadshowDto): Promise<RoadshowDto> {
    await this.access.visibleEvent(user, eventId);
    const call = await this.tx.repository(RoadshowCall).findOneBy({ eventId });
    if (!call) throw RoadshowError.ROADSHOW_CALL_NOT_FOUND({ eventId });
    if (!callIsOpen(call, new Date())) {
      throw RoadshowError.ROADSHOW_CALL_CLOSED({ opensAt: call.opensAt, closesAt: call.closesAt });
    }
    const result = await this.tx.repository(ResearchResult).findOneBy({ id: input.resultId });
    const editable = result !== null && (await this.results.editable(user, result));
    if (!result || !(result.published || editable)) {
      throw CatalogError.RESULT_NOT_FOUND({ id: input.resultId }).onField('resultId');
    }
    if (!editable) throw RoadshowError.ROADSHOW_NOT_YOUR_RESULT().onField('resultId');
    if (call.fields.length > 0 && !result.fields.some((f) => call.fields.includes(f))) {
      throw RoadshowError.ROADSHOW_FIELD_NOT_CALLED({ called: call.fields }).onField('resultId');
    }
    const presenterIds = input.presenterIds ?? [user.id];
    await this.assertUsers(presenterIds, 'presenterIds');
    const saved = await this.tx.run(async () => {
      const roadshow = await this.tx.repository(Roadshow).save({
        eventId,
        resultId: result.id,
        submittedBy: user.id,
        presenterIds,
        abstract: input.abstract,
        status: 'submitted' as const,
      });
      // Submitted to the event's call: its organizers curate the result from now on.
      await this.releases.record(
        { kind: 'result', id: result.id },
        { eventId },
        'submitted',
        user.id,
      );
      return roadshow;
    });
    return this.get(user, saved.id);
  }

  /** Organizers see every submission with its reviews; others see theirs (submitted or presenting). */
  async list(user: AuthUser, eventId: string): Promise<RoadshowDto[]> {
    const { manages } = await this.access.visibleEvent(user, eventId);
    const qb = this.query().where('r.eventId = :eventId', { eventId });
    if (!manages) {
      qb.andWhere('(r.submittedBy = :me OR :me = ANY(r.presenterIds))', { me: user.id });
    }
    const rows = await qb.orderBy('r.createdAt').getMany();
    return rows.map((r) => toRoadshowDto(r, manages));
  }

  /** Calls taking submissions now, on the events the user may see, soonest closing first. */
  async openCalls(user: AuthUser): Promise<(RoadshowCallViewDto & { eventTitle: string })[]> {
    const now = new Date();
    const calls = await this.tx.repository(RoadshowCall).find({
      where: { opensAt: LessThanOrEqual(now), closesAt: MoreThan(now) },
      order: { closesAt: 'ASC' },
    });
    const open: (RoadshowCallViewDto & { eventTitle: string })[] = [];
    for (const call of calls) {
      const seen = await this.access.visibleEvent(user, call.eventId).catch(() => undefined);
      if (seen) open.push({ ...call, open: true, eventTitle: seen.event.title });
    }
    return open;
  }

  /** The user's submissions (submitted or presenting) at every event, newest first. */
  async mine(user: AuthUser): Promise<RoadshowDto[]> {
    const rows = await this.query()
      .where('(r.submittedBy = :me OR :me = ANY(r.presenterIds))', { me: user.id })
      .orderBy('r.createdAt', 'DESC')
      .getMany();
    return rows.map((r) => toRoadshowDto(r, false));
  }

  async get(user: AuthUser, id: string): Promise<RoadshowDto> {
    const { roadshow, manages } = await this.visible(user, id);
    return toRoadshowDto(roadshow, manages);
  }

  async assignReviewers(
    user: AuthUser,
    id: string,
    input: AssignReviewersDto,
  ): Promise<RoadshowDto> {
    await this.managed(user, id);
    await this.assertUsers(input.reviewerIds, 'reviewerIds');
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(RoadshowReview)
      .values(input.reviewerIds.map((reviewerId) => ({ roadshowId: id, reviewerId })))
      .orIgnore()
      .execute();
    return this.get(user, id);
  }

  /** An assigned reviewer scores; scoring again corrects it. */
  async review(user: AuthUser, id: string, input: ReviewDto): Promise<RoadshowDto> {
    const updated = await this.tx
      .repository(RoadshowReview)
      .update(
        { roadshowId: id, reviewerId: user.id },
        { score: input.score, comment: input.comment ?? '', scoredAt: new Date() },
      );
    if (updated.affected !== 1) {
      await this.visible(user, id);
      throw RoadshowError.ROADSHOW_NOT_REVIEWER();
    }
    return this.get(user, id);
  }

  /** Organizers accept or reject with a note; presenters are told. */
  async decide(user: AuthUser, id: string, input: DecideRoadshowDto): Promise<RoadshowDto> {
    await this.tx.run(async (manager) => {
      const { roadshow, event } = await this.managed(user, id);
      ROADSHOW_LIFECYCLE.assertMove(roadshow.status, input.decision);
      await manager.update(
        Roadshow,
        { id },
        {
          status: input.decision,
          decisionNote: input.note ?? '',
          decidedAt: new Date(),
        },
      );
      await this.audit.record({
        subject: 'roadshow',
        subjectId: id,
        action: 'decided',
        actorId: user.id,
        before: { status: roadshow.status },
        after: { status: input.decision, note: input.note ?? '' },
      });
      await this.tellPresenters(event, roadshow, input);
    });
    return this.get(user, id);
  }

  /** Puts an accepted roadshow on the agenda, with its presenters and result. */
  async schedule(user: AuthUser, id: string, input: ScheduleRoadshowDto): Promise<AgendaItemDto> {
    const { roadshow } = await this.managed(user, id);
    // Scheduling is not a move of the submission's status: it must have been accepted.
    if (roadshow.status !== 'accepted') {
      throw RoadshowError.ROADSHOW_INVALID_TRANSITION({
        status: roadshow.status,
        needs: 'accepted',
      });
    }
    const item = roadshow.agendaItemId
      ? await this.agenda.update(user, roadshow.agendaItemId, input)
      : await this.agenda.create(user, roadshow.eventId, {
          kind: 'roadshow',
          title: roadshow.result!.title,
          description: roadshow.abstract,
          presenterIds: roadshow.presenterIds,
          resultId: roadshow.resultId,
          ...input,
        });
    await this.tx.run(async (manager) => {
      await manager.update(Roadshow, { id }, { agendaItemId: item.id });
      await this.audit.record({
        subject: 'roadshow',
        subjectId: id,
        action: 'scheduled',
        actorId: user.id,
        before: { agendaItemId: roadshow.agendaItemId },
        after: { agendaItemId: item.id },
      });
    });
    return item;
  }

  /** The submitter withdraws. */
  async withdraw(user: AuthUser, id: string): Promise<RoadshowDto> {
    const { roadshow } = await this.visible(user, id);
    if (roadshow.submittedBy !== user.id) throw CommonError.FORBIDDEN();
    await this.tx.run(async (manager) => {
      await moveStatus(manager, Roadshow, ROADSHOW_LIFECYCLE, { id, to: 'withdrawn' });
      await this.audit.record({
        subject: 'roadshow',
        subjectId: id,
        action: 'withdrawn',
        actorId: user.id,
        before: { status: roadshow.status },
        after: { status: 'withdrawn' },
      });
    });
    return this.get(user, id);
  }

  private query() {
    return this.tx
      .repository(Roadshow)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.result', 'result')
      .leftJoinAndSelect('r.reviews', 'review')
      .leftJoinAndSelect('review.reviewer', 'reviewer');
  }

  /** The submission for its submitter, presenters, reviewers and the event's organizers; else 404. */
  private async visible(
    user: AuthUser,
    id: string,
  ): Promise<{ roadshow: Roadshow; event: Event; manages: boolean }> {
    const roadshow = await this.query().where('r.id = :id', { id }).getOne();
    if (!roadshow) throw RoadshowError.ROADSHOW_NOT_FOUND({ id });
    const { event, manages } = await this.access.visibleEvent(user, roadshow.eventId).catch(() => {
      throw RoadshowError.ROADSHOW_NOT_FOUND({ id });
    });
    const involved =
      roadshow.submittedBy === user.id ||
      roadshow.presenterIds.includes(user.id) ||
      (roadshow.reviews ?? []).some((r) => r.reviewerId === user.id);
    if (!manages && !involved) throw RoadshowError.ROADSHOW_NOT_FOUND({ id });
    return { roadshow, event, manages };
  }

  private async managed(user: AuthUser, id: string) {
    const found = await this.visible(user, id);
    await this.access.editableEvent(user, found.roadshow.eventId);
    return found;
  }

  private async assertUsers(ids: string[], field: string): Promise<void> {
    const found = await this.tx.repository(User).countBy({ id: In(ids) });
    if (found !== ids.length) throw RoadshowError.ROADSHOW_UNKNOWN_USER().onField(field);
  }

  private async tellPresenters(
    event: Event,
    roadshow: Roadshow,
    input: DecideRoadshowDto,
  ): Promise<void> {
    const { manager } = this.tx;
    const presenters = await manager.findBy(User, { id: In(roadshow.presenterIds) });
    await this.outbox.add(
      presenters.flatMap((p) =>
        reaching(p, {
          idempotencyKey: `roadshow:${roadshow.id}:${input.decision}:${p.id}`,
          template: 'roadshow-decision',
          locale: p.locale,
          subject: `roadshow:${roadshow.id}`,
          data: {
            name: p.name,
            eventTitle: event.title,
            resultTitle: roadshow.result?.title ?? '',
            accepted: input.decision === 'accepted',
            note: input.note ?? '',
          },
        }),
      ),
    );
  }
}

function toRoadshowDto(r: Roadshow, forOrganizers: boolean): RoadshowDto {
  const reviews = r.reviews ?? [];
  return {
    id: r.id,
    eventId: r.eventId,
    resultId: r.resultId,
    resultTitle: r.result?.title ?? '',
    submittedBy: r.submittedBy,
    presenterIds: r.presenterIds,
    abstract: r.abstract,
    status: r.status,
    decisionNote: r.decisionNote,
    decidedAt: r.decidedAt,
    agendaItemId: r.agendaItemId,
    meanScore: forOrganizers ? meanScore(reviews.map((v) => v.score)) : null,
    reviews: forOrganizers
      ? reviews.map((v) => ({
          reviewerId: v.reviewerId,
          reviewerName: v.reviewer?.name ?? '',
          score: v.score,
          comment: v.comment,
        }))
      : null,
    createdAt: r.createdAt,
  };
}
