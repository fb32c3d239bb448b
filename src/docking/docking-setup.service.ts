import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { canReadNeedDetails, canSeeNeed } from 'src/catalog/catalog-rules';
import { CatalogError } from 'src/catalog/catalog.errors';
import { NeedDto } from 'src/catalog/dto/need.dto';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { NeedsService, toNeedDto } from 'src/catalog/needs.service';
import { Releases } from 'src/catalog/releases';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { DockingAccess } from 'src/docking/docking-access';
import { DockingNeed } from 'src/docking/docking-need.entity';
import { DockingTable } from 'src/docking/docking-table.entity';
import { DockingError } from 'src/docking/docking.errors';
import {
  CounterpartDto,
  DockingSessionDto,
  DockingTablesDto,
  InviteExpertsDto,
  SuggestedExpertsDto,
} from 'src/docking/dto/docking.dto';
import { Event } from 'src/events/event.entity';
import { InviteResultDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { MatchingService } from 'src/matching/matching.service';
import { confirmedAccountHolders, confirmedSeatOf } from 'src/registrations/registration-queries';

/**
 * What a closed-door precise-docking session (精准对接) is made of before and around its 1:1
 * meetings: its tables, the needs enterprises bring, the expert teams matching suggests and the
 * organizers invite, and who takes part. The meetings themselves are `DockingMeetingsService`'s.
 */
@Injectable()
export class DockingSetupService {
  constructor(
    private readonly tx: Tx,
    private readonly access: DockingAccess,
    private readonly needs: NeedsService,
    private readonly matching: MatchingService,
    private readonly invitations: InvitationsService,
    private readonly releases: Releases,
  ) {}

  async setTables(user: AuthUser, eventId: string, input: DockingTablesDto): Promise<string[]> {
    await this.tx.run(async (manager) => {
      await this.access.managedSession(user, eventId);
      await manager.delete(DockingTable, { eventId });
      await manager.insert(
        DockingTable,
        input.tables.map((name) => ({ eventId, name })),
      );
    });
    return input.tables;
  }

  /** The session's tables, by name (organizers). */
  async tables(user: AuthUser, eventId: string): Promise<string[]> {
    await this.access.managedSession(user, eventId);
    const tables = await this.tx
      .repository(DockingTable)
      .find({ where: { eventId }, order: { name: 'ASC' } });
    return tables.map((t) => t.name);
  }

  /**
   * An enterprise brings one of its needs (its curators may too; the session's organizers may bring
   * any need they may see). Brought to the session, the need is curated by its organizers.
   */
  async submitNeed(user: AuthUser, eventId: string, needId: string): Promise<NeedDto[]> {
    const { manages } = await this.access.seatAt(user, eventId);
    const need = await this.tx.repository(TechnicalNeed).findOneBy({ id: needId });
    const reader = need && (await this.needs.readerOf(user, need));
    if (!need || !reader || !canSeeNeed(need, reader)) {
      throw CatalogError.NEED_NOT_FOUND({ id: needId }).onField('needId');
    }
    if (!reader.entitled && !manages) {
      throw DockingError.DOCKING_NEED_NOT_YOURS().onField('needId');
    }
    await this.tx.run(async () => {
      await this.tx.manager
        .createQueryBuilder()
        .insert()
        .into(DockingNeed)
        .values({ eventId, needId })
        .orIgnore()
        .execute();
      await this.releases.record({ kind: 'need', id: needId }, { eventId }, 'brought', user.id);
    });
    return this.sessionNeeds(user, eventId);
  }

  /**
   * The needs brought to the session: all of them, in full, for its organizers; for a participant
   * those they may see anywhere (an unpublished or organizers-only need is not listed), as far as
   * they may read them.
   */
  async sessionNeeds(user: AuthUser, eventId: string): Promise<NeedDto[]> {
    const { manages } = await this.access.seatAt(user, eventId);
    const needs = await this.tx
      .repository(TechnicalNeed)
      .createQueryBuilder('n')
      .innerJoin(DockingNeed, 'd', 'd.needId = n.id AND d.eventId = :eventId', { eventId })
      .orderBy('n.title')
      .getMany();
    const dtos: NeedDto[] = [];
    for (const need of needs) {
      if (manages) {
        dtos.push(toNeedDto(need, true));
        continue;
      }
      const reader = await this.needs.readerOf(user, need);
      if (canSeeNeed(need, reader)) dtos.push(toNeedDto(need, canReadNeedDetails(need, reader)));
    }
    return dtos;
  }

  /** For organizers: for each need brought, the expert teams matching suggests. */
  async suggestions(user: AuthUser, eventId: string): Promise<SuggestedExpertsDto[]> {
    await this.access.managedSession(user, eventId);
    const needs = await this.tx.repository(DockingNeed).find({
      where: { eventId },
      relations: { need: true },
    });
    const result: SuggestedExpertsDto[] = [];
    for (const { need } of needs) {
      const experts = await this.matching.forNeed(user, need!.id, 'experts', 5);
      result.push({
        needId: need!.id,
        needTitle: need!.title,
        experts: experts.map((x) => ({
          id: x.id,
          name: x.title,
          organization: x.organization,
          score: x.score,
          words: x.reasons.words,
          decision: x.decision,
        })),
      });
    }
    return result;
  }

  /** Invites expert teams to the session by their profiles, as invitations of the event. */
  async inviteExperts(
    user: AuthUser,
    eventId: string,
    input: InviteExpertsDto,
  ): Promise<InviteResultDto> {
    await this.access.managedSession(user, eventId);
    const experts = await this.tx.repository(ExpertProfile).find({
      where: { id: In(input.expertIds) },
      relations: { user: true },
    });
    return this.invitations.invite(user, eventId, {
      invitees: experts.map((x) => ({
        name: x.name,
        email: x.user!.email,
        organizationName: x.institutionName,
        sector: 'academia',
        role: x.title ?? '专家',
        locale: x.user!.locale,
      })),
    });
  }

  /** The precise-docking sessions the user takes part in (confirmed), soonest first. */
  async mySessions(user: AuthUser): Promise<DockingSessionDto[]> {
    const sessions = await this.tx
      .repository(Event)
      .createQueryBuilder('e')
      .where("e.kind = 'precise_docking'")
      .andWhere(...confirmedSeatOf('e', user))
      .orderBy('e.startsAt')
      .getMany();
    return sessions.map(({ id, title, startsAt, endsAt }) => ({ id, title, startsAt, endsAt }));
  }

  /** The other participants with an account, whom the user may ask to meet. */
  async counterparts(user: AuthUser, eventId: string): Promise<CounterpartDto[]> {
    await this.access.seatAt(user, eventId);
    const rows = await confirmedAccountHolders(this.tx, eventId, user.id);
    return rows.map((r) => ({ userId: r.id, name: r.name, organization: r.organization ?? '' }));
  }
}
