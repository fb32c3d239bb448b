import { Injectable } from '@nestjs/common';
import { CatalogError } from 'src/catalog/catalog.errors';
import { TEXTS } from 'src/catalog/catalog-index';
import { NeedsService } from 'src/catalog/needs.service';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { releasedInto, Releases } from 'src/catalog/releases';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { wordsOf } from 'src/catalog/words';
import {
  CatalogCandidate,
  expertsLike,
  needsLike,
  resultsLike,
} from 'src/catalog/candidate-queries';
import { AuthUser } from 'src/common/auth/auth-user';
import {
  CandidateKind,
  DecideMatchDto,
  MatchDto,
  MatchPageDto,
  MatchQueryDto,
  SuggestionDto,
} from 'src/matching/dto/match.dto';
import { Match } from 'src/matching/match.entity';
import { MatchSide, scoreMatch } from 'src/matching/match-score';
import { MatchingError } from 'src/matching/matching.errors';
import { Tx } from 'src/database/tx';

/**
 * Ranks results and experts for a need, and needs for a result: PostgreSQL finds the candidates
 * sharing a word (GIN on the segmented words) or a field, `scoreMatch` orders them and says why.
 * Organizers confirm or reject the pairs.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly tx: Tx,
    private readonly needs: NeedsService,
    private readonly releases: Releases,
  ) {}

  /** For the need's owner and curators. */
  async forNeed(
    user: AuthUser,
    needId: string,
    kind: CandidateKind,
    limit: number,
  ): Promise<SuggestionDto[]> {
    const need = await this.entitledNeed(user, needId);
    const side = needSide(need);
    const rows =
      kind === 'results' ? await resultsLike(this.tx, side) : await expertsLike(this.tx, side);
    const decisions = await this.decisions(
      { needId },
      kind === 'results' ? 'result_id' : 'expert_id',
    );
    return rank(rows, limit, decisions, kind === 'results' ? 'result' : 'expert', (row) =>
      scoreMatch(side, row),
    );
  }

  /** For organizers: the needs a result answers best. */
  /**
   * For the result's curators (the organizers of a programme it was brought into): 404 for a
   * result the caller may not know, 403 for a published one they do not curate.
   */
  async forResult(user: AuthUser, resultId: string, limit: number): Promise<SuggestionDto[]> {
    const result = await this.tx.repository(ResearchResult).findOneBy({ id: resultId });
    const curator =
      !!result && (await this.releases.curates(user, { kind: 'result', id: resultId }));
    if (!result || (!curator && !result.published))
      throw CatalogError.RESULT_NOT_FOUND({ id: resultId });
    if (!curator) throw CatalogError.CATALOG_NOT_CURATOR();
    const candidate = {
      words: wordsOf(...TEXTS.research_result(result)),
      fields: result.fields,
      keywords: result.keywords,
      region: result.region,
      readinessLevel: result.readinessLevel,
    };
    const rows = await needsLike(this.tx, candidate);
    const decisions = await this.decisions({ resultId }, 'need_id');
    return rank(rows, limit, decisions, 'need', (row) =>
      scoreMatch(
        { words: row.words, fields: row.fields, keywords: row.keywords, region: row.region },
        candidate,
      ),
    );
  }

  /**
   * Records a curator's decision on a pair, with its score and reasons at that moment: only the
   * organizers of a programme the need was brought into decide (404 for a need the caller may not
   * see, 403 for one they only see).
   */
  async decide(user: AuthUser, input: DecideMatchDto): Promise<MatchDto> {
    if ((input.resultId === undefined) === (input.expertId === undefined)) {
      throw MatchingError.MATCH_ONE_CANDIDATE().onField('resultId', 'expertId');
    }
    const { need } = await this.needs.visible(user, input.needId);
    if (!(await this.releases.curates(user, { kind: 'need', id: need.id }))) {
      throw CatalogError.CATALOG_NOT_CURATOR().onField('needId');
    }
    const side = needSide(need);
    const [row] = input.resultId
      ? await resultsLike(this.tx, side, input.resultId)
      : await expertsLike(this.tx, side, input.expertId);
    if (!row) {
      throw input.resultId
        ? CatalogError.RESULT_NOT_FOUND({ id: input.resultId }).onField('resultId')
        : CatalogError.EXPERT_NOT_FOUND({ id: input.expertId }).onField('expertId');
    }
    const { score, reasons } = scoreMatch(side, row);
    const column = input.resultId ? 'result_id' : 'expert_id';
    const [saved] = await this.tx.query<{ id: string }[]>(
      `INSERT INTO match (need_id, result_id, expert_id, decision, score, reasons, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (need_id, ${column}) WHERE ${column} IS NOT NULL
       DO UPDATE SET decision = EXCLUDED.decision, score = EXCLUDED.score,
                     reasons = EXCLUDED.reasons, decided_by = EXCLUDED.decided_by, decided_at = now()
       RETURNING id`,
      [
        need.id,
        input.resultId ?? null,
        input.expertId ?? null,
        input.decision,
        score,
        JSON.stringify(reasons),
        user.id,
      ],
    );
    return toMatchDto(await this.tx.repository(Match).findOneByOrFail({ id: saved.id }));
  }

  /** The decisions on the needs and results the caller curates (admins: all). */
  async list(user: AuthUser, query: MatchQueryDto): Promise<MatchPageDto> {
    const qb = this.tx.repository(Match).createQueryBuilder('m');
    const scope = await this.releases.scopeOf(user);
    if (scope !== 'all') {
      const [need, needParams] = releasedInto('need', 'm.need_id', scope);
      const [result, resultParams] = releasedInto('result', 'm.result_id', scope);
      qb.where(`(${need} OR ${result})`, { ...needParams, ...resultParams });
    }
    if (query.needId) qb.andWhere('m.needId = :needId', { needId: query.needId });
    if (query.resultId) qb.andWhere('m.resultId = :resultId', { resultId: query.resultId });
    if (query.decision) qb.andWhere('m.decision = :decision', { decision: query.decision });
    const [rows, total] = await qb
      .orderBy('m.decidedAt', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toMatchDto), total, limit: query.limit, offset: query.offset };
  }

  /** The need, for its owner and curators; 404 for anyone else. */
  private async entitledNeed(user: AuthUser, id: string): Promise<TechnicalNeed> {
    const need = await this.tx.repository(TechnicalNeed).findOneBy({ id });
    if (!need || !(await this.needs.readerOf(user, need)).entitled) {
      throw CatalogError.NEED_NOT_FOUND({ id });
    }
    return need;
  }

  private async decisions(
    where: { needId?: string; resultId?: string },
    column: 'result_id' | 'expert_id' | 'need_id',
  ): Promise<Map<string, Match['decision']>> {
    const rows = await this.tx.query<{ id: string; decision: Match['decision'] }[]>(
      `SELECT ${column} AS id, decision FROM match
        WHERE ($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR result_id = $2)
          AND ${column} IS NOT NULL`,
      [where.needId ?? null, where.resultId ?? null],
    );
    return new Map(rows.map((r) => [r.id, r.decision]));
  }
}

function needSide(need: TechnicalNeed): MatchSide {
  return {
    words: wordsOf(...TEXTS.technical_need(need)),
    fields: need.fields,
    keywords: need.keywords,
    region: need.region,
  };
}

/** The best `limit` rows by `score`, with the decisions taken on them. */
function rank(
  rows: CatalogCandidate[],
  limit: number,
  decisions: Map<string, Match['decision']>,
  kind: SuggestionDto['kind'],
  score: (row: CatalogCandidate) => Pick<SuggestionDto, 'score' | 'reasons'>,
): SuggestionDto[] {
  return rows
    .map((row) => ({
      id: row.id,
      kind,
      title: row.title,
      organization: row.organization,
      ...score(row),
      decision: decisions.get(row.id) ?? null,
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

function toMatchDto(m: Match): MatchDto {
  return {
    id: m.id,
    needId: m.needId,
    resultId: m.resultId,
    expertId: m.expertId,
    decision: m.decision,
    score: m.score,
    reasons: m.reasons,
    decidedBy: m.decidedBy,
    decidedAt: m.decidedAt,
  };
}
