/**
 * What the audit log records, by subject: each feature records only the actions declared for its
 * subjects here, so the log reads the same everywhere. A check-in's action names its milestone
 * (`check_in_3`, `check_in_6`, `check_in_12`).
 */
export const AUDIT_ACTIONS = {
  deal: ['created', 'corrected', 'stage', 'contacted'],
  intent: ['created', 'assigned', 'stage'],
  task: ['created', 'updated'],
  check_in: ['check_in_3', 'check_in_6', 'check_in_12'],
  event: ['created', 'updated', 'status'],
  roadshow: ['decided', 'withdrawn', 'scheduled'],
  registration: ['approved', 'rejected', 'cancelled'],
  user: ['disabled', 'enabled'],
} as const;

export type AuditSubject = keyof typeof AUDIT_ACTIONS;
export type AuditAction<S extends AuditSubject> = (typeof AUDIT_ACTIONS)[S][number];
