import { Injectable } from '@nestjs/common';
import { indexWords, whereText } from 'src/catalog/catalog-index';
import { OrganizationRights } from 'src/catalog/organization-rights';
import { RESULTS_IMPORT } from 'src/catalog/catalog-batches';
import { priceProblems } from 'src/catalog/catalog-rows';
import { mayEdit, publishedAt } from 'src/catalog/catalog-rules';
import { CatalogError } from 'src/catalog/catalog.errors';
import { ImportDto } from 'src/imports/dto/import.dto';
import { Imports } from 'src/imports/imports';
import { TableFile } from 'src/common/rows';
import { ReleaseDto, ReleaseTargetDto } from 'src/catalog/dto/release.dto';
import {
  CreateResultDto,
  ResultDto,
  ResultPageDto,
  ResultQueryDto,
  UpdateResultDto,
} from 'src/catalog/dto/result.dto';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { releasedInto, Releases } from 'src/catalog/releases';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { Tx } from 'src/database/tx';

/**
 * Research results (科技成果): experts enter their own; the organizers of the programmes a result
 * was brought into curate it (see Releases); organizers import them into their events and series.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly tx: Tx,
    private readonly rights: OrganizationRights,
    private readonly imports: Imports,
    private readonly releases: Releases,
  ) {}

  async create(user: AuthUser, input: CreateResultDto): Promise<ResultDto> {
    const id = await this.tx.run(async () => {
      await this.rights.assertActsFor(user, input.institutionId, 'institutionId');
      return this.insert(user.id, input);
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, input: UpdateResultDto): Promise<ResultDto> {
    await this.tx.run(async (manager) => {
      const result = await manager.findOne(ResearchResult, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const editable = result !== null && (await this.editable(user, result));
      if (!result || !(result.published || editable)) throw CatalogError.RESULT_NOT_FOUND({ id });
      if (!editable) throw CatalogError.CATALOG_NOT_OWNER();
      await this.rights.assertActsFor(user, input.institutionId, 'institutionId');
      const next = manager.merge(ResearchResult, result, {
        ...input,
        publishedAt: publishedAt(result.publishedAt, input.published, new Date()),
      });
      assertRange(next);
      await manager.save(next);
      await indexWords(manager, 'research_result', next);
    });
    return this.get(user, id);
  }

  /** Published results for everyone; unpublished ones for their owner and curators only. */
  async get(user: AuthUser | undefined, id: string): Promise<ResultDto> {
    return toResultDto(await this.visible(user, id));
  }

  /**
   * The result if the user may know it exists (published, or theirs to edit), else 404 (on `field`
   * when another feature's input named it).
   */
  async visible(user: AuthUser | undefined, id: string, field?: string): Promise<ResearchResult> {
    const result = await this.tx.repository(ResearchResult).findOneBy({ id });
    if (!result || !(result.published || (await this.editable(user, result)))) {
      const error = CatalogError.RESULT_NOT_FOUND({ id });
      throw field ? error.onField(field) : error;
    }
    return result;
  }

  /**
   * A result the user may see, presented on an agenda item of the event (in the caller's
   * transaction): the event's organizers curate it from now on. 404 on the field `resultId`.
   */
  async present(user: AuthUser, id: string, eventId: string): Promise<void> {
    await this.visible(user, id, 'resultId');
    await this.releases.record({ kind: 'result', id }, { eventId }, 'presented', user.id);
  }

  /** Its owner, and the organizers of the programmes it was brought into (see Releases). */
  async editable(user: AuthUser | undefined, result: ResearchResult): Promise<boolean> {
    if (!user) return false;
    if (result.ownerId === user.id) return true;
    return mayEdit(
      user,
      result,
      await this.releases.curates(user, { kind: 'result', id: result.id }),
    );
  }

  /** The programmes the result was brought into, for its curators (404 if unseen, else 403). */
  releasesOf(user: AuthUser, id: string): Promise<ReleaseDto[]> {
    return this.releases.ofItem(user, { kind: 'result', id }, () => this.visible(user, id));
  }

  /** A manager brings a result they may see into one of their events or series. */
  attach(user: AuthUser, id: string, target: ReleaseTargetDto): Promise<ReleaseDto[]> {
    return this.releases.attach(user, { kind: 'result', id }, target, () => this.visible(user, id));
  }

  /** One of the user's own results (another's, even one they may read, is not found). */
  async own(user: AuthUser, id: string): Promise<ResultDto> {
    const result = await this.get(user, id);
    if (result.ownerId !== user.id) throw CatalogError.RESULT_NOT_FOUND({ id });
    return result;
  }

  async search(user: AuthUser | undefined, query: ResultQueryDto): Promise<ResultPageDto> {
    const qb = this.tx.repository(ResearchResult).createQueryBuilder('r');
    if (query.mine) {
      if (!user) throw CommonError.AUTH_REQUIRED();
      qb.where('r.ownerId = :owner', { owner: user.id });
    } else {
      const scope = await this.releases.scopeOf(user);
      if (scope !== 'all') {
        const [curated, params] = releasedInto('result', 'r.id', scope);
        qb.where(`(r.published OR ${curated})`, params);
      }
    }
    if (query.field) qb.andWhere(':field = ANY(r.fields)', { field: query.field });
    if (query.minReadiness) {
      qb.andWhere('r.readinessLevel >= :minReadiness', { minReadiness: query.minReadiness });
    }
    if (query.cooperationMode) {
      qb.andWhere(':mode = ANY(r.cooperationModes)', { mode: query.cooperationMode });
    }
    whereText(qb, 'r', query.q).addOrderBy('r.createdAt', 'DESC').addOrderBy('r.id');
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map(toResultDto), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Results from a CSV or XLSX file (organizers): valid rows go in, bad ones are reported. Into an
   * event or series the caller manages, when `target` names one: each result is `imported` there.
   */
  async import(user: AuthUser, file: TableFile, target: ReleaseTargetDto = {}): Promise<ImportDto> {
    const programme = await this.releases.managedProgramme(user, target, false);
    return this.imports.stage(user, RESULTS_IMPORT, file, { programme: programme ?? null });
  }

  private async insert(ownerId: string, input: CreateResultDto): Promise<string> {
    const { manager } = this.tx;
    const result = manager.create(ResearchResult, {
      ...input,
      ownerId,
      institutionId: input.institutionId ?? null,
      askingPriceMinFen: input.askingPriceMinFen ?? null,
      askingPriceMaxFen: input.askingPriceMaxFen ?? null,
      region: input.region ?? null,
      published: input.published ?? false,
      publishedAt: input.published ? new Date() : null,
    });
    assertRange(result);
    await manager.insert(ResearchResult, result);
    await indexWords(manager, 'research_result', result);
    return result.id;
  }
}

function assertRange(result: ResearchResult): void {
  const problems = priceProblems(result);
  if (problems.length > 0) throw CommonError.VALIDATION_FAILED({}, problems);
}

export function toResultDto(r: ResearchResult): ResultDto {
  return {
    id: r.id,
    ownerId: r.ownerId,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    title: r.title,
    summary: r.summary,
    description: r.description,
    fields: r.fields,
    keywords: r.keywords,
    readinessLevel: r.readinessLevel,
    patents: r.patents,
    cooperationModes: r.cooperationModes,
    askingPriceMinFen: r.askingPriceMinFen,
    askingPriceMaxFen: r.askingPriceMaxFen,
    team: r.team.map((m) => ({ name: m.name, title: m.title ?? undefined })),
    attachments: r.attachments,
    region: r.region,
    published: r.published,
    publishedAt: r.publishedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
