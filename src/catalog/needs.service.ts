import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { indexWords, whereText } from 'src/catalog/catalog-index';
import { OrganizationRights } from 'src/catalog/organization-rights';
import { NEEDS_IMPORT } from 'src/catalog/catalog-batches';
import { budgetProblems } from 'src/catalog/catalog-rows';
import {
  canReadNeedDetails,
  canSeeNeed,
  mayEdit,
  NeedReader,
  publishedAt,
} from 'src/catalog/catalog-rules';
import { CatalogError } from 'src/catalog/catalog.errors';
import { ImportDto } from 'src/imports/dto/import.dto';
import { Imports } from 'src/imports/imports';
import { TableFile } from 'src/common/rows';
import { ReleaseDto, ReleaseTargetDto } from 'src/catalog/dto/release.dto';
import {
  CreateNeedDto,
  NeedDto,
  NeedPageDto,
  NeedQueryDto,
  UpdateNeedDto,
} from 'src/catalog/dto/need.dto';
import { releasedInto, Releases } from 'src/catalog/releases';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { allOf, wordsOf } from 'src/catalog/words';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { escapeLike } from 'src/database/sql';
import { Tx } from 'src/database/tx';
import { needsMatchedTo } from 'src/matching/matching-queries';

/**
 * Technical needs (技术需求): enterprises enter their own; the organizers of the programmes a need
 * was brought into curate it (see Releases); organizers import them into their events and series.
 * A need's details (description, keywords, budget) reach only those its confidentiality allows,
 * in every answer, list and search.
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly tx: Tx,
    private readonly rights: OrganizationRights,
    private readonly imports: Imports,
    private readonly releases: Releases,
  ) {}

  async create(user: AuthUser, input: CreateNeedDto): Promise<NeedDto> {
    const id = await this.tx.run(async () => {
      await this.rights.assertActsFor(user, input.enterpriseId, 'enterpriseId');
      return this.insert(user.id, input);
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, input: UpdateNeedDto): Promise<NeedDto> {
    await this.tx.run(async (manager) => {
      const need = await manager.findOne(TechnicalNeed, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const reader = need && (await this.readerOf(user, need));
      if (!need || !reader || !canSeeNeed(need, reader)) throw CatalogError.NEED_NOT_FOUND({ id });
      if (!reader.entitled) throw CatalogError.CATALOG_NOT_OWNER();
      await this.rights.assertActsFor(user, input.enterpriseId, 'enterpriseId');
      const next = manager.merge(TechnicalNeed, need, {
        ...input,
        publishedAt: publishedAt(need.publishedAt, input.published, new Date()),
      });
      assertRange(next);
      await manager.save(next);
      await indexWords(manager, 'technical_need', next);
    });
    return this.get(user, id);
  }

  async get(user: AuthUser | undefined, id: string): Promise<NeedDto> {
    const { need, reader } = await this.visible(user, id);
    return toNeedDto(need, canReadNeedDetails(need, reader));
  }

  /** The need and how the user reads it, if they may know it exists; else 404. */
  async visible(
    user: AuthUser | undefined,
    id: string,
  ): Promise<{ need: TechnicalNeed; reader: NeedReader }> {
    const need = await this.tx.repository(TechnicalNeed).findOneBy({ id });
    const reader = need && (await this.readerOf(user, need));
    if (!need || !reader || !canSeeNeed(need, reader)) throw CatalogError.NEED_NOT_FOUND({ id });
    return { need, reader };
  }

  /** The programmes the need was brought into, for its curators (404 if unseen, else 403). */
  releasesOf(user: AuthUser, id: string): Promise<ReleaseDto[]> {
    return this.releases.ofItem(user, { kind: 'need', id }, () => this.visible(user, id));
  }

  /** A manager brings a need they may see into one of their events or series. */
  attach(user: AuthUser, id: string, target: ReleaseTargetDto): Promise<ReleaseDto[]> {
    return this.releases.attach(user, { kind: 'need', id }, target, () => this.visible(user, id));
  }

  /** One of the user's own needs (another's, even one they may read, is not found). */
  async own(user: AuthUser, id: string): Promise<NeedDto> {
    const need = await this.get(user, id);
    if (need.ownerId !== user.id) throw CatalogError.NEED_NOT_FOUND({ id });
    return need;
  }

  async search(user: AuthUser | undefined, query: NeedQueryDto): Promise<NeedPageDto> {
    const qb = this.tx.repository(TechnicalNeed).createQueryBuilder('n');
    // The organizations whose programmes' needs the caller curates: all for an admin.
    const scope = await this.releases.scopeOf(user);
    const [curated, curatedParams] = releasedInto('need', 'n.id', scope === 'all' ? [] : scope);
    if (query.mine) {
      if (!user) throw CommonError.AUTH_REQUIRED();
      qb.where('n.ownerId = :owner', { owner: user.id });
    } else if (scope !== 'all') {
      qb.where(
        new Brackets((w) =>
          w
            .where("n.published AND n.confidentiality <> 'organizers_only'")
            .orWhere('n.ownerId = :reader', { reader: user?.id ?? null })
            .orWhere(curated, curatedParams),
        ),
      );
    }
    if (query.field) qb.andWhere(':field = ANY(n.fields)', { field: query.field });
    if (scope === 'all' || query.mine) {
      whereText(qb, 'n', query.q);
    } else if (query.q) {
      // Searching details one may not read would reveal them: confidential needs by title only.
      const words = wordsOf(query.q);
      qb.andWhere(
        new Brackets((w) => {
          if (words.length > 0) {
            w.where(
              `(n.confidentiality = 'public' OR n.ownerId = :reader OR ${curated}) AND n.search_vector @@ to_tsquery('simple', :textQuery)`,
              { textQuery: allOf(words), reader: user?.id ?? null, ...curatedParams },
            );
          }
          w.orWhere('n.title ILIKE :title', { title: `%${escapeLike(query.q!)}%` });
        }),
      );
    }
    qb.addOrderBy('n.createdAt', 'DESC').addOrderBy('n.id');
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    const matched = await this.matchedNeeds(user);
    const curatedRows = await this.releases.among(
      'need',
      rows.map((n) => n.id),
      scope,
    );
    return {
      items: rows.map((need) =>
        toNeedDto(
          need,
          canReadNeedDetails(need, {
            entitled: mayEdit(user, need, curatedRows.has(need.id)),
            matched: matched.has(need.id),
          }),
        ),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** As ResultsService.import: into an event or series the caller manages, when `target` names one. */
  async import(user: AuthUser, file: TableFile, target: ReleaseTargetDto = {}): Promise<ImportDto> {
    const programme = await this.releases.managedProgramme(user, target, false);
    return this.imports.stage(user, NEEDS_IMPORT, file, { programme: programme ?? null });
  }

  /** How the user reads this need: as its owner or a curator, as a matched expert, or neither. */
  async readerOf(user: AuthUser | undefined, need: TechnicalNeed): Promise<NeedReader> {
    const curator =
      user !== undefined &&
      need.ownerId !== user.id &&
      (await this.releases.curates(user, { kind: 'need', id: need.id }));
    if (mayEdit(user, need, curator)) return { entitled: true, matched: false };
    return { entitled: false, matched: (await this.matchedNeeds(user, need.id)).has(need.id) };
  }

  /** The needs an organizer matched to the user (to their expert profile or one of their results). */
  private async matchedNeeds(user: AuthUser | undefined, needId?: string): Promise<Set<string>> {
    return user ? needsMatchedTo(this.tx, user.id, needId) : new Set();
  }

  private async insert(ownerId: string, input: CreateNeedDto): Promise<string> {
    const { manager } = this.tx;
    const need = manager.create(TechnicalNeed, {
      ...input,
      ownerId,
      enterpriseId: input.enterpriseId ?? null,
      budgetMinFen: input.budgetMinFen ?? null,
      budgetMaxFen: input.budgetMaxFen ?? null,
      deadline: input.deadline ?? null,
      region: input.region ?? null,
      published: input.published ?? false,
      publishedAt: input.published ? new Date() : null,
    });
    assertRange(need);
    await manager.insert(TechnicalNeed, need);
    await indexWords(manager, 'technical_need', need);
    return need.id;
  }
}

function assertRange(need: TechnicalNeed): void {
  const problems = budgetProblems(need);
  if (problems.length > 0) throw CommonError.VALIDATION_FAILED({}, problems);
}

/** The need as this reader may see it: without description, keywords and budget unless allowed. */
export function toNeedDto(n: TechnicalNeed, details: boolean): NeedDto {
  return {
    id: n.id,
    ownerId: n.ownerId,
    enterpriseId: n.enterpriseId,
    enterpriseName: n.enterpriseName,
    title: n.title,
    fields: n.fields,
    description: details ? n.description : null,
    keywords: details ? n.keywords : null,
    budgetMinFen: details ? n.budgetMinFen : null,
    budgetMaxFen: details ? n.budgetMaxFen : null,
    redacted: !details,
    deadline: n.deadline,
    confidentiality: n.confidentiality,
    region: n.region,
    published: n.published,
    publishedAt: n.publishedAt,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}
