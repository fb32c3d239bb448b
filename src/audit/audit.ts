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
 * The INSERT of audit entries as SQL text whose one parameter is numbered `firstParam`, for a
 * caller that records them in the same statement as its own writes: an entry is recorded only
 * where the SQL condition `when` holds, which may name the entry's subject as `a.subject_id`.
 */
export function auditInsertions(
  entries: AuditRecord<AuditSubject>[],
  { firstParam = 1, when = 'true' } = {},
): { sql: string; params: unknown[] } {
  // One JSON document for any number of entries: one parameter, one plan.
  const rows = entries.map((entry) => ({
    subject_type: entry.subject,
    subject_id: entry.subjectId,
    action: entry.action,
    actor_id: entry.actorId,
    before: entry.before,
    after: entry.after,
    reason: entry.reason ?? null,
    organization_id: entry.organizationId ?? null,
    people: entry.people ?? null,
  }));
  return {
    sql: `INSERT INTO audit_entry
            (subject_type, subject_id, action, actor_id, "before", "after", reason, organization_id, people)
          SELECT a.subject_type, a.subject_id, a.action, a.actor_id, a."before", a."after", a.reason,
                 a.organization_id, a.people
            FROM jsonb_to_recordset($${firstParam}::jsonb) AS a(
                   subject_type text, subject_id uuid, action text, actor_id uuid, "before" jsonb,
                   "after" jsonb, reason text, organization_id uuid, people int)
           WHERE ${when}`,
    params: [JSON.stringify(rows)],
  };
}

/** One audit entry's INSERT (see `auditInsertions`); `Audit.record` runs it on its own. */
export function auditInsertion<S extends AuditSubject>(
  entry: AuditRecord<S>,
  options: { firstParam?: number; when?: string } = {},
): { sql: string; params: unknown[] } {
  return auditInsertions([entry], options);
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
