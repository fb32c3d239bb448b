import { Injectable } from '@nestjs/common';
import { AuditAction, AuditSubject } from 'src/audit/audit-actions';
import { AuditEntry } from 'src/audit/audit-entry.entity';
import { AuditEntryDto, PersonalDataEntryDto } from 'src/audit/dto/audit-entry.dto';
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
  /** Personal-data entries: the organization concerned and how many people. */
  organizationId?: string | null;
  people?: number | null;
}

/** What was done with people's personal data (see `Audit.personalData`). */
export interface PersonalDataRecord {
  action: AuditAction<'personal_data'>;
  actorId: string | null;
  subjectId: string;
  organizationId: string | null;
  people: number;
  about: Record<string, unknown>;
}

export function personalDataRecord({
  about,
  ...rest
}: PersonalDataRecord): AuditRecord<'personal_data'> {
  return { subject: 'personal_data', before: null, after: about, ...rest };
}

/**
 * The INSERT of an audit entry as SQL text whose parameters are numbered from `firstParam`, for a
 * caller that records it in the same statement as its own writes (nothing is recorded unless the
 * SQL condition `when` holds); `Audit.record` runs it on its own.
 */
export function auditInsertion<S extends AuditSubject>(
  entry: AuditRecord<S>,
  { firstParam = 1, when = 'true' } = {},
): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${firstParam + i}`;
  return {
    sql: `INSERT INTO audit_entry
            (subject_type, subject_id, action, actor_id, "before", "after", reason, organization_id, people)
          SELECT ${p(0)}, ${p(1)}::uuid, ${p(2)}, ${p(3)}::uuid, ${p(4)}::jsonb, ${p(5)}::jsonb, ${p(6)},
                 ${p(7)}::uuid, ${p(8)}::int
           WHERE ${when}`,
    params: [
      entry.subject,
      entry.subjectId,
      entry.action,
      entry.actorId,
      entry.before === null ? null : JSON.stringify(entry.before),
      JSON.stringify(entry.after),
      entry.reason ?? null,
      entry.organizationId ?? null,
      entry.people ?? null,
    ],
  };
}

/**
 * The audit log: changes are recorded in the transaction that makes them (the change and its
 * record stand or fall together), and read back as a record's history.
 */
@Injectable()
export class Audit {
  constructor(private readonly tx: Tx) {}

  async record<S extends AuditSubject>(entry: AuditRecord<S>): Promise<void> {
    const insert = auditInsertion(entry);
    await this.tx.query(insert.sql, insert.params);
  }

  /**
   * Records what was done with people's personal data: who (null: the platform itself, e.g. the
   * retention job), what, about which record, for which organization and how many people.
   */
  async personalData(entry: PersonalDataRecord): Promise<void> {
    await this.record(personalDataRecord(entry));
  }

  /**
   * The personal-data entries of these organizations (every one for `'all'`), newest first, at most
   * `limit`; `action` and `since` narrow them.
   */
  async personalDataOf(
    scope: 'all' | string[],
    query: { organizationId?: string; action?: string; since?: Date; limit: number },
  ): Promise<PersonalDataEntryDto[]> {
    const where: string[] = [`subject_type = 'personal_data'`];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope !== 'all') add('organization_id = ANY(?)', scope);
    if (query.organizationId) add('organization_id = ?', query.organizationId);
    if (query.action) add('action = ?', query.action);
    if (query.since) add('at >= ?', query.since);
    params.push(query.limit);
    const rows = await this.tx.query<Record<string, unknown>[]>(
      `SELECT id, action, actor_id, subject_id, organization_id, people, at, "after"
         FROM audit_entry WHERE ${where.join(' AND ')}
        ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      action: r.action as string,
      actorId: r.actor_id as string | null,
      subjectId: r.subject_id as string,
      organizationId: r.organization_id as string | null,
      people: r.people as number,
      at: r.at as Date,
      about: r.after as Record<string, unknown>,
    }));
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
