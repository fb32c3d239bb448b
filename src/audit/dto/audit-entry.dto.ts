/** One line of a record's history, as the API and the pages read it. */
export class AuditEntryDto {
  action!: string;
  actorId!: string;
  at!: Date;
  before!: Record<string, unknown> | null;
  after!: Record<string, unknown>;
  reason!: string | null;
}
