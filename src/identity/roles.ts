/** Platform roles. A person may hold several; `organizer` and `admin` are granted, never chosen. */
export const ROLES = ['admin', 'organizer', 'expert', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person may choose at sign-up. */
export const SELF_SERVICE_ROLES = ['expert', 'enterprise'] as const satisfies readonly Role[];

/** Kinds of organization, as the 政产学研金服用 sectors group them. */
export const ORGANIZATION_KINDS = [
  'university',
  'institute',
  'enterprise',
  'government',
  'finance',
  'service_agency',
  'park',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
