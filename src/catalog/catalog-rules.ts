import { Confidentiality } from 'src/catalog/catalog-kinds';
import { FieldProblem } from 'src/common/errors/domain-error';

/** Owners edit what they entered; the item's curators (see Releases.curates) edit it too. */
export const mayEdit = (
  user: { id: string } | undefined,
  item: { ownerId: string },
  curator: boolean,
): boolean => user !== undefined && (item.ownerId === user.id || curator);

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
