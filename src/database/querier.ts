/**
 * Anything that runs SQL: the transaction context (`Tx`), or the pool. The query functions a
 * feature offers others take one, so that other features ask the owner of a table rather than
 * read the table themselves.
 */
export interface Querier {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * A condition a feature offers another's query builder, with its named parameters:
 * `qb.where(...condition)`.
 */
export type Condition = [string, Record<string, unknown>];
