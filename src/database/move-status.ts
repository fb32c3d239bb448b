import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Lifecycle } from 'src/common/lifecycle';

/**
 * Moves one row to `to`, writing `set` in the same statement, on condition that its status is
 * one the lifecycle lets move there (`status` may name another column, such as a deal's `stage`).
 * Of two concurrent moves one wins and the other meets the lifecycle's refusal naming the status
 * it found; false when no row has that id.
 */
export async function moveStatus<S extends string, E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  lifecycle: Lifecycle<S>,
  move: { id: string; to: S; set?: QueryDeepPartialEntity<E>; status?: string },
): Promise<boolean> {
  const column = move.status ?? 'status';
  const sources = lifecycle.sourcesOf(move.to);
  if (sources.length > 0) {
    const result = await manager
      .createQueryBuilder()
      .update(entity)
      .set({ ...move.set, [column]: move.to })
      .where(`id = :id AND ${column} IN (:...sources)`, { id: move.id, sources })
      .execute();
    if (result.affected === 1) return true;
  }
  const current = await manager
    .createQueryBuilder(entity, 'row')
    .select(`row.${column}`, 'status')
    .where('row.id = :id', { id: move.id })
    .getRawOne<{ status: S }>();
  if (!current) return false;
  throw lifecycle.refusal(current.status, move.to);
}
