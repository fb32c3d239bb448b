import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { allOf, wordsOf } from 'src/catalog/words';

/** The texts whose words make each catalog table's `search_vector`. */
export const TEXTS = {
  research_result: (r: ResearchResult) => [r.title, r.summary, r.description, r.keywords.join(' ')],
  technical_need: (n: TechnicalNeed) => [n.title, n.description, n.keywords.join(' ')],
  expert_profile: (x: ExpertProfile) => [x.title, x.biography, x.keywords.join(' ')],
};
export type IndexedTable = keyof typeof TEXTS;

const ENTITIES = {
  research_result: ResearchResult,
  technical_need: TechnicalNeed,
  expert_profile: ExpertProfile,
};

/**
 * Stores the segmented words of a row's texts in its `search_vector` (PostgreSQL cannot segment
 * Chinese itself: the words are cut here, and indexed as they are with the `simple` configuration).
 */
export async function indexWords<T extends IndexedTable>(
  manager: EntityManager,
  table: T,
  row: Parameters<(typeof TEXTS)[T]>[0],
): Promise<void> {
  await manager.query(
    `UPDATE ${table} SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
    [row.id, searchWords(table, row)],
  );
}

/** The words of the row's texts, space-separated, as `to_tsvector('simple', …)` takes them. */
export function searchWords(table: IndexedTable, row: object): string {
  const texts = TEXTS[table] as (row: object) => (string | null)[];
  return wordsOf(...texts(row)).join(' ');
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

/**
 * Recomputes the words of every row of `table` (after a change of the segmentation or the stop
 * words, or to measure it), a thousand rows per statement. Returns the number of rows.
 */
export async function reindexAll(
  dataSource: DataSource,
  table: IndexedTable,
  progress: (done: number) => void = () => undefined,
): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await dataSource
      .getRepository<{ id: string }>(ENTITIES[table])
      .createQueryBuilder('x')
      .where('x.id > :after', { after })
      .orderBy('x.id')
      .take(1000)
      .getMany();
    if (rows.length === 0) return done;
    await dataSource.query(
      `UPDATE ${table} t SET search_vector = to_tsvector('simple', v.words)
         FROM unnest($1::uuid[], $2::text[]) AS v(id, words) WHERE t.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => searchWords(table, r))],
    );
    done += rows.length;
    after = rows[rows.length - 1].id;
    progress(done);
  }
}
