import { anyOf } from 'src/catalog/words';
import { Querier } from 'src/database/querier';

/**
 * The catalog's searches for entries like a given text, offered to matching so that it does not
 * read the catalog's tables or its word index itself. PostgreSQL finds the rows sharing a word (the
 * GIN index on the segmented words) or a field, most words first; the caller scores them.
 */

/** How many candidates a search brings back at most, before they are scored. */
export const CANDIDATES = 200;

/** An entry found, with the words it shares with the query (or all its words). */
export interface CatalogCandidate {
  id: string;
  title: string;
  organization: string;
  fields: string[];
  keywords: string[];
  readinessLevel: number | null;
  region: string | null;
  words: string[];
}

/** What a search looks for: segmented words and fields. */
export interface LikeQuery {
  words: readonly string[];
  fields: readonly string[];
}

/** Published results sharing a word or a field with the query (or just the one named). */
export function resultsLike(q: Querier, query: LikeQuery, onlyId?: string) {
  return search(
    q,
    `SELECT r.id, r.title, r.institution_name AS organization, r.fields, r.keywords,
            r.readiness_level AS "readinessLevel", r.region, %WORDS% AS words
       FROM research_result r
      WHERE r.published AND %MATCHES%`,
    'r',
    query,
    { onlyId },
  );
}

/** Experts who can take work on, sharing a word or a field with the query (or just the one named). */
export function expertsLike(q: Querier, query: LikeQuery, onlyId?: string) {
  return search(
    q,
    `SELECT x.id, x.name AS title, x.institution_name AS organization, x.fields, x.keywords,
            NULL::int AS "readinessLevel", x.region, %WORDS% AS words
       FROM expert_profile x
      WHERE x.availability <> 'unavailable' AND %MATCHES%`,
    'x',
    query,
    { onlyId },
  );
}

/** Published needs sharing a word or a field with the query, each with all its words. */
export function needsLike(q: Querier, query: LikeQuery) {
  return search(
    q,
    `SELECT n.id, n.title, n.enterprise_name AS organization, n.fields, n.keywords,
            NULL::int AS "readinessLevel", n.region, %WORDS% AS words
       FROM technical_need n
      WHERE n.published AND %MATCHES%`,
    'n',
    query,
    // A need's score divides by all its words: bring them all back.
    { allWords: true },
  );
}

/**
 * Runs `select` with `%MATCHES%` filled in: rows sharing a word or a field with `query`, most words
 * first; or only the row `onlyId`. `%WORDS%` becomes the query's words they contain, or with
 * `allWords` all their words.
 */
function search(
  q: Querier,
  select: string,
  alias: string,
  query: LikeQuery,
  { onlyId, allWords = false }: { onlyId?: string; allWords?: boolean },
): Promise<CatalogCandidate[]> {
  const params: unknown[] = [anyOf(query.words) || "''"];
  const param = (value: unknown) => `$${params.push(value)}`;
  const words = allWords
    ? `tsvector_to_array(${alias}.search_vector)`
    : `array(SELECT unnest(tsvector_to_array(${alias}.search_vector)) INTERSECT SELECT unnest(${param(query.words)}::text[]))`;
  const matches = onlyId
    ? `${alias}.id = ${param(onlyId)}`
    : `(${alias}.search_vector @@ to_tsquery('simple', $1) OR ${alias}.fields && ${param(query.fields)})`;
  return q.query<CatalogCandidate[]>(
    `${select.replace('%WORDS%', words).replace('%MATCHES%', matches)}
      ORDER BY ts_rank(${alias}.search_vector, to_tsquery('simple', $1)) DESC LIMIT ${CANDIDATES}`,
    params,
  );
}
