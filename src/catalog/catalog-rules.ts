import { Facts, holds } from 'src/access/policy';
import { Confidentiality } from 'src/catalog/catalog-kinds';
import { FieldProblem } from 'src/common/errors/domain-error';
import { Role } from 'src/identity/roles';

/**
 * A platform organizer or administrator. The catalog no longer asks it (see `curates`); deals,
 * challenges and the statistics still do until they are scoped by organization.
 */
export const isCurator = (user: { roles: readonly Role[] } | undefined): boolean =>
  user !== undefined && (user.roles.includes('organizer') || user.roles.includes('admin'));

/**
 * Whether the caller curates a result or need: an admin, or a manager (the `manage` right) of the
 * organization of a programme it was brought into (`organizations`: those of its releases).
 */
export const curates = (facts: Facts, organizations: readonly string[]): boolean =>
  facts.admin || organizations.some((organizationId) => holds(facts, 'manage', organizationId));

/** Owners edit what they entered; the item's curators (see `curates`) edit it too. */
export const mayEdit = (
  user: { id: string } | undefined,
  item: { ownerId: string },
  curator: boolean,
): boolean => user !== undefined && (item.ownerId === user.id || curator);

/** Platform organizers and admins also list the experts who are unavailable. */
export const seesUnavailableExperts = (user: { roles: readonly Role[] } | undefined): boolean =>
  user !== undefined && (user.roles.includes('organizer') || user.roles.includes('admin'));

/** The moment an item was first published, kept while it stays published. */
export function publishedAt(
  current: Date | null,
  published: boolean | undefined,
  now: Date,
): Date | null {
  if (published === undefined) return current;
  return published ? (current ?? now) : null;
}

/** A lower bound above its upper bound, as a problem of the upper bound's field. */
export function rangeProblems(
  min: number | null | undefined,
  max: number | null | undefined,
  maxField: string,
): FieldProblem[] {
  if (min === null || min === undefined || max === null || max === undefined || min <= max) {
    return [];
  }
  return [
    {
      field: maxField,
      rule: 'CATALOG_INVALID_RANGE',
      message: { 'zh-CN': '上限不能低于下限', en: 'must not be below the lower bound' },
    },
  ];
}

/** Who is reading a need, as far as its confidentiality cares. */
export interface NeedReader {
  /** Its owner, or one of its curators (see `curates`). */
  entitled: boolean;
  /** An expert the organizers matched to this need (a confirmed match). */
  matched: boolean;
}

/**
 * Whether the reader may know the need exists at all: organizers-only needs are their owner's and
 * their curators' alone.
 */
export function canSeeNeed(
  need: { published: boolean; confidentiality: Confidentiality },
  reader: NeedReader,
): boolean {
  return reader.entitled || (need.published && need.confidentiality !== 'organizers_only');
}

/** Whether the reader may read its details (description, keywords, budget). */
export function canReadNeedDetails(
  need: { confidentiality: Confidentiality },
  reader: NeedReader,
): boolean {
  return (
    reader.entitled ||
    need.confidentiality === 'public' ||
    (need.confidentiality === 'matched_only' && reader.matched)
  );
}
