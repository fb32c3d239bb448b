import { Injectable } from '@nestjs/common';
import { indexWords, whereText } from 'src/catalog/catalog-index';
import { OrganizationRights } from 'src/catalog/organization-rights';
import { actsAs } from 'src/access/policy';
import { CatalogError } from 'src/catalog/catalog.errors';
import {
  ExpertDto,
  ExpertPageDto,
  ExpertQueryDto,
  UpdateExpertDto,
  UpsertExpertDto,
} from 'src/catalog/dto/expert.dto';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { Releases } from 'src/catalog/releases';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';

/**
 * Expert profiles: each expert keeps their own; the organizers of the programmes their results were
 * brought into correct them; signed-in users read them.
 */
@Injectable()
export class ExpertsService {
  constructor(
    private readonly tx: Tx,
    private readonly rights: OrganizationRights,
    private readonly releases: Releases,
  ) {}

  /** Creates or replaces the caller's own profile. */
  async upsertOwn(user: AuthUser, input: UpsertExpertDto): Promise<ExpertDto> {
    const id = await this.tx.run(async (manager) => {
      await this.rights.assertActsFor(user, input.institutionId, 'institutionId');
      const existing = await manager.findOne(ExpertProfile, {
        where: { userId: user.id },
        lock: { mode: 'pessimistic_write' },
      });
      const profile = manager.create(ExpertProfile, {
        ...existing,
        userId: user.id,
        name: input.name ?? existing?.name ?? user.name,
        institutionId: input.institutionId ?? null,
        institutionName: input.institutionName,
        title: input.title ?? null,
        fields: input.fields ?? [],
        keywords: input.keywords ?? [],
        biography: input.biography ?? '',
        availability: input.availability ?? 'available',
        region: input.region ?? null,
      });
      // Two first saves at once: the unique index on the user makes the second one a 409.
      const saved = await manager.save(profile);
      await indexWords(manager, 'expert_profile', saved);
      return saved.id;
    });
    return this.get(id);
  }

  async own(user: AuthUser): Promise<ExpertDto> {
    const profile = await this.tx.repository(ExpertProfile).findOneBy({ userId: user.id });
    if (!profile) throw CatalogError.EXPERT_NOT_FOUND({ userId: user.id });
    return toExpertDto(profile);
  }

  /**
   * A profile corrected by an admin or the organizers of a programme one of the expert's results was
   * brought into (403 for other organizers: profiles are read by every signed-in user).
   */
  async curate(user: AuthUser, id: string, input: UpdateExpertDto): Promise<ExpertDto> {
    await this.tx.run(async (manager) => {
      const profile = await manager.findOne(ExpertProfile, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!profile) throw CatalogError.EXPERT_NOT_FOUND({ id });
      if (!(await this.releases.curatesExpert(user, profile.userId))) {
        throw CatalogError.CATALOG_NOT_CURATOR();
      }
      await this.rights.assertOrganization(input.institutionId, 'institutionId');
      const saved = await manager.save(manager.merge(ExpertProfile, profile, input));
      await indexWords(manager, 'expert_profile', saved);
    });
    return this.get(id);
  }

  async get(id: string): Promise<ExpertDto> {
    const profile = await this.tx.repository(ExpertProfile).findOneBy({ id });
    if (!profile) throw CatalogError.EXPERT_NOT_FOUND({ id });
    return toExpertDto(profile);
  }

  async search(user: AuthUser, query: ExpertQueryDto): Promise<ExpertPageDto> {
    const qb = this.tx.repository(ExpertProfile).createQueryBuilder('x');
    // Unavailable experts are listed for platform organizers only.
    // Organizers also list the experts who are unavailable (to plan around them).
    if (!actsAs(user, 'organizer')) qb.where("x.availability <> 'unavailable'");
    if (query.field) qb.andWhere(':field = ANY(x.fields)', { field: query.field });
    if (query.availability) {
      qb.andWhere('x.availability = :availability', { availability: query.availability });
    }
    whereText(qb, 'x', query.q).addOrderBy('x.updatedAt', 'DESC').addOrderBy('x.id');
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map(toExpertDto), total, limit: query.limit, offset: query.offset };
  }
}

export function toExpertDto(x: ExpertProfile): ExpertDto {
  return {
    id: x.id,
    userId: x.userId,
    name: x.name,
    institutionId: x.institutionId,
    institutionName: x.institutionName,
    title: x.title,
    fields: x.fields,
    keywords: x.keywords,
    biography: x.biography,
    availability: x.availability,
    region: x.region,
    updatedAt: x.updatedAt,
  };
}
