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
