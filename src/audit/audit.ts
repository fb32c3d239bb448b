import { Injectable } from '@nestjs/common';
import { AuditAction, AuditSubject } from 'src/audit/audit-actions';
import { AuditEntry } from 'src/audit/audit-entry.entity';
import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { Tx } from 'src/database/tx';

/** One change to record: of which subject, what was done, by whom, and the fields before and after. */
export interface AuditRecord<S extends AuditSubject> {
  subject: S;
  subjectId: string;
  action: AuditAction<S>;
  /** null: a guest through their link. */
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason?: string | null;
}

/**
 * The audit log: changes are recorded in the transaction that makes them (the change and its
 * record stand or fall together), and read back as a record's history.
 */
@Injectable()
export class Audit {
  constructor(private readonly tx: Tx) {}

  async record<S extends AuditSubject>(entry: AuditRecord<S>): Promise<void> {
    const { subject, reason, ...rest } = entry;
    const entries = this.tx.repository(AuditEntry);
    await entries.save(entries.create({ ...rest, subjectType: subject, reason: reason ?? null }));
  }

  /** The history of these subjects, oldest first. */
  async history(subjects: { subject: AuditSubject; id: string }[]): Promise<AuditEntryDto[]> {
    const entries = await this.tx.repository(AuditEntry).find({
      where: subjects.map(({ subject, id }) => ({ subjectType: subject, subjectId: id })),
      order: { id: 'ASC' },
    });
    return entries.map(({ action, actorId, at, before, after, reason }) => ({
      action,
      actorId,
      at,
      before,
      after,
      reason,
    }));
  }
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
