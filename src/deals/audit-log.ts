import { EntityManager } from 'typeorm';
import { AuditEntry } from 'src/deals/audit-entry.entity';

/** Records one change in the caller's transaction: the change and the record stand or fall together. */
export async function audit(
  manager: EntityManager,
  entry: Pick<
    AuditEntry,
    'subjectType' | 'subjectId' | 'action' | 'actorId' | 'before' | 'after'
  > & {
    reason?: string | null;
  },
): Promise<void> {
  await manager.save(manager.create(AuditEntry, { ...entry, reason: entry.reason ?? null }));
}

/** The fields of `next` that differ from `current`, as they were and as they become. */
export function changes<T extends object>(
  current: T,
  next: Partial<T>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = (current as Record<string, unknown>)[key];
    if (value !== undefined && JSON.stringify(old) !== JSON.stringify(value)) {
      before[key] = old;
      after[key] = value;
    }
  }
  return { before, after };
}
