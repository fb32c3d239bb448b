import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { allOf, wordsOf } from 'src/catalog/words';

/** The catalog tables with a `search_vector`. */
export type IndexedTable = 'research_result' | 'technical_need' | 'expert_profile';

/**
 * Stores the segmented words of a row's texts in its `search_vector` (PostgreSQL cannot segment
 * Chinese itself: the words are cut here, and indexed as they are with the `simple` configuration).
 */
export async function indexWords(
  manager: EntityManager,
  table: IndexedTable,
  id: string,
  texts: (string | null | undefined)[],
): Promise<void> {
  await manager.query(
    `UPDATE ${table} SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
    [id, wordsOf(...texts).join(' ')],
  );
}

/**
 * Narrows a list to the rows containing every word of `q`, best first; a `q` of only common words
 * narrows nothing.
 */
export function whereText<T extends object>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  q: string | undefined,
): SelectQueryBuilder<T> {
  const words = q ? wordsOf(q) : [];
  if (words.length === 0) return qb;
  return qb
    .andWhere(`${alias}.search_vector @@ to_tsquery('simple', :textQuery)`, {
      textQuery: allOf(words),
    })
    .addOrderBy(`ts_rank(${alias}.search_vector, to_tsquery('simple', :textQuery))`, 'DESC');
}
