import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { Access } from 'src/access/access';
import { Challenge, ChallengeBid } from 'src/challenges/challenge.entity';
import { takesBids } from 'src/challenges/challenge-rules';
import { BID_LIFECYCLE, BidStatus } from 'src/challenges/bid-status';
import { ChallengeError } from 'src/challenges/challenges.errors';
import {
  BidDto,
  ChallengeDto,
  ChallengePageDto,
  ChallengeQueryDto,
  CreateChallengeDto,
  MoveBidDto,
  SubmitBidDto,
  UpdateChallengeDto,
} from 'src/challenges/dto/challenge.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { Event } from 'src/events/event.entity';
import { eventOfOrganizations } from 'src/events/event-queries';
import { reaching } from 'src/notifications/contact';

const STATUS_TEXT: Record<BidStatus, Record<'zh-CN' | 'en', string>> = {
  submitted: { 'zh-CN': '已提交', en: 'submitted' },
  shortlisted: { 'zh-CN': '已入围', en: 'shortlisted' },
  awarded: { 'zh-CN': '已揭榜成功', en: 'awarded' },
  rejected: { 'zh-CN': '未能入选', en: 'not selected' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
};

/**
 * Challenges (揭榜挂帅): an enterprise (or an organizer for it) posts a problem with an award;
 * institutions bid; the poster and the managers of the event it was posted for select. A bid is
 * seen only by them and its bidder; an unpublished challenge only by them.
 */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly tx: Tx,
    private readonly outbox: Outbox,
    private readonly events: EventAccess,
    private readonly access: Access,
  ) {}

  async create(user: AuthUser, input: CreateChallengeDto): Promise<ChallengeDto> {
    await this.assertEventVisible(user, input.eventId);
    const saved = await this.tx.repository(Challenge).save({
      ...input,
      eventId: input.eventId ?? null,
      fields: input.fields ?? [],
      eligibility: input.eligibility ?? '',
      published: input.published ?? false,
      postedBy: user.id,
    });
    return this.get(user, saved.id);
  }

  async update(user: AuthUser, id: string, input: UpdateChallengeDto): Promise<ChallengeDto> {
    const challenge = await this.visible(user, id);
    if (!(await this.mayChange(user, challenge))) throw ChallengeError.CHALLENGE_NOT_POSTER();
    await this.assertEventVisible(user, input.eventId);
    await this.tx.repository(Challenge).save({ ...challenge, ...input });
    return this.get(user, id);
  }

  async get(user: AuthUser | undefined, id: string): Promise<ChallengeDto> {
    return toChallengeDto(await this.visible(user, id));
  }

  async list(user: AuthUser | undefined, query: ChallengeQueryDto): Promise<ChallengePageDto> {
    const qb = this.tx.repository(Challenge).createQueryBuilder('c');
    const managed = await this.events.managedBy(user);
    qb.where(
      new Brackets((visible) =>
        visible
          .where('c.published OR c.postedBy = :me', { me: user?.id ?? null })
          .orWhere(...eventOfOrganizations('c.event_id', managed)),
      ),
    );
    if (query.open === 'true') qb.andWhere('c.published AND c.deadline > now()');
    const [rows, total] = await qb
      .orderBy('c.deadline', 'ASC')
      .addOrderBy('c.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toChallengeDto), total, limit: query.limit, offset: query.offset };
  }

  async bid(user: AuthUser, id: string, input: SubmitBidDto): Promise<BidDto> {
    const challenge = await this.visible(user, id);
    if (!takesBids(challenge, new Date())) {
      throw ChallengeError.CHALLENGE_CLOSED({ deadline: challenge.deadline });
    }
    // A second active bid by the same person is refused by the unique index (409).
    const saved = await this.tx.repository(ChallengeBid).save({
      challengeId: id,
      submittedBy: user.id,
      institutionName: input.institutionName,
      proposal: input.proposal,
      team: input.team ?? '',
    });
    return toBidDto(await this.tx.repository(ChallengeBid).findOneByOrFail({ id: saved.id }));
  }

  /** All bids for the poster and organizers; one's own for a bidder. */
  async bids(user: AuthUser, id: string): Promise<BidDto[]> {
    const challenge = await this.visible(user, id);
    const bids = await this.tx.repository(ChallengeBid).find({
      where: (await this.mayChange(user, challenge))
        ? { challengeId: id }
        : { challengeId: id, submittedBy: user.id },
      order: { createdAt: 'ASC' },
    });
    return bids.map(toBidDto);
  }

  async getBid(user: AuthUser, bidId: string): Promise<BidDto> {
    return toBidDto((await this.visibleBid(user, bidId)).bid);
  }

  /** The poster or an organizer shortlists, awards or rejects; the bidder withdraws. Told either way. */
  async moveBid(user: AuthUser, bidId: string, input: MoveBidDto): Promise<BidDto> {
    await this.tx.run(async (manager) => {
      const { bid, challenge } = await this.visibleBid(user, bidId);
      const selecting = input.status !== 'withdrawn';
      if (selecting ? !(await this.mayChange(user, challenge)) : bid.submittedBy !== user.id) {
        throw ChallengeError.CHALLENGE_NOT_POSTER();
      }
      BID_LIFECYCLE.assertMove(bid.status, input.status);
      await manager.update(
        ChallengeBid,
        { id: bidId },
        {
          status: input.status,
          note: input.note ?? bid.note,
          decidedAt: selecting ? new Date() : bid.decidedAt,
        },
      );
      if (selecting) await this.tellBidder(challenge, bid, input);
    });
    return this.getBid(user, bidId);
  }

  private async tellBidder(
    challenge: Challenge,
    bid: ChallengeBid,
    input: MoveBidDto,
  ): Promise<void> {
    const { manager } = this.tx;
    const bidder = await manager.findOneByOrFail(User, { id: bid.submittedBy });
    await this.outbox.add(
      reaching(bidder, {
        idempotencyKey: `challenge-bid:${bid.id}:${input.status}`,
        template: 'challenge-bid',
        locale: bidder.locale,
        subject: `challenge-bid:${bid.id}`,
        data: {
          name: bidder.name,
          challengeTitle: challenge.title,
          statusText: STATUS_TEXT[input.status][bidder.locale],
          note: input.note ?? '',
        },
      }),
    );
  }

  /** A challenge names only an event its poster may see (404 otherwise, as for the event itself). */
  private async assertEventVisible(user: AuthUser, eventId: string | null | undefined) {
    if (eventId) await this.events.visibleEvent(user, eventId);
  }

  /** Published challenges for everyone; unpublished ones for those who may change them. */
  private async visible(user: AuthUser | undefined, id: string): Promise<Challenge> {
    const challenge = await this.tx.repository(Challenge).findOneBy({ id });
    if (!challenge || !(challenge.published || (await this.mayChange(user, challenge)))) {
      throw ChallengeError.CHALLENGE_NOT_FOUND({ id });
    }
    return challenge;
  }

  private async visibleBid(
    user: AuthUser,
    bidId: string,
  ): Promise<{ bid: ChallengeBid; challenge: Challenge }> {
    const bid = await this.tx.manager.findOne(ChallengeBid, {
      where: { id: bidId },
      relations: { challenge: true },
    });
    if (!bid || !(bid.submittedBy === user.id || (await this.mayChange(user, bid.challenge!)))) {
      throw ChallengeError.CHALLENGE_BID_NOT_FOUND({ id: bidId });
    }
    return { bid, challenge: bid.challenge! };
  }

  /** Its poster and the managers of the event it was posted for (a challenge of no event: admins). */
  private async mayChange(user: AuthUser | undefined, challenge: Challenge): Promise<boolean> {
    const event = challenge.eventId
      ? await this.tx.repository(Event).findOneBy({ id: challenge.eventId })
      : null;
    const subject = {
      kind: 'entry' as const,
      people: [challenge.postedBy],
      organizationIds: event ? [event.organizationId] : [],
    };
    return (await this.access.decide(user, 'change', subject)) === 'allow';
  }
}

function toChallengeDto(c: Challenge): ChallengeDto {
  return {
    id: c.id,
    eventId: c.eventId,
    postedBy: c.postedBy,
    enterpriseName: c.enterpriseName,
    title: c.title,
    description: c.description,
    fields: c.fields,
    awardFen: c.awardFen,
    eligibility: c.eligibility,
    deadline: c.deadline,
    published: c.published,
    open: takesBids(c, new Date()),
    createdAt: c.createdAt,
  };
}

function toBidDto(b: ChallengeBid): BidDto {
  return {
    id: b.id,
    challengeId: b.challengeId,
    submittedBy: b.submittedBy,
    institutionName: b.institutionName,
    proposal: b.proposal,
    team: b.team,
    status: b.status,
    note: b.note,
    decidedAt: b.decidedAt,
    createdAt: b.createdAt,
  };
}
