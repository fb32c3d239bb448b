/**
 * What the audit log records, by subject: each feature records only the actions declared for its
 * subjects here, so the log reads the same everywhere. A check-in's action names its milestone
 * (`check_in_3`, `check_in_6`, `check_in_12`).
 */
export const AUDIT_ACTIONS = {
  deal: ['created', 'corrected', 'stage', 'contacted', 'registered'],
  intent: ['created', 'assigned', 'stage'],
  task: ['created', 'updated'],
  check_in: ['check_in_3', 'check_in_6', 'check_in_12'],
  event: ['created', 'updated', 'status'],
  roadshow: ['decided', 'withdrawn', 'scheduled'],
  registration: ['approved', 'rejected', 'cancelled', 'confirmed', 'released'],
  /**
   * What is done with people's personal data (PIPL): exports, bulk views, role grants, consents,
   * anonymisation by retention, copies and deletions at a person's request, purged invitation
   * lists. Each entry names the organization concerned and how many people.
   */
  personal_data: [
    'export',
    'bulk_view',
    'role_grant',
    'consent',
    'anonymised',
    'copied',
    'deleted',
    'purged',
  ],
  user: ['disabled', 'enabled'],
  /** A past programme entered after the fact, and its undoing (src/backfill). */
  backfill: ['imported', 'undone'],
} as const;

/** The personal-data actions, for the audit query's filter. */
export const PERSONAL_DATA_ACTIONS = AUDIT_ACTIONS.personal_data;

export type AuditSubject = keyof typeof AUDIT_ACTIONS;
export type AuditAction<S extends AuditSubject> = (typeof AUDIT_ACTIONS)[S][number];
