/** One line of a record's history, as the API and the pages read it. */
export class AuditEntryDto {
  action!: string;
  /** null: a guest through their link. */
  actorId!: string | null;
  at!: Date;
  before!: Record<string, unknown> | null;
  after!: Record<string, unknown>;
  reason!: string | null;
}

/** One thing done with people's personal data, as `GET /api/audit` lists it. */
export class PersonalDataEntryDto {
  id!: string;
  /** export, bulk_view, role_grant, consent, anonymised, copied, deleted or purged. */
  action!: string;
  /** Who did it; null for the platform itself (the retention job) or a guest. */
  actorId!: string | null;
  /** The record concerned: an event, a user, an invitation list's event … */
  subjectId!: string;
  organizationId!: string | null;
  /** How many people's data. */
  people!: number;
  at!: Date;
  /** What the action concerned (e.g. `{ "export": "registrants", "format": "xlsx" }`). */
  about!: Record<string, unknown>;
}
