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

/**
 * What a person is in an organization. In an organizing organization (a productivity centre, a
 * science and technology bureau, a park, a university's technology-transfer office) the team
 * roles say what they may do for its events; `member` is a person an institution or an enterprise
 * counts as its own (an expert, an enterprise's contact), with no say over events.
 */
export const TEAM_ROLES = ['manager', 'staff', 'reviewer', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const MEMBERSHIP_ROLES = [...TEAM_ROLES, 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * The kinds of organization whose people an expert or an enterprise acts for (a result's
 * institution, a need's enterprise): one joins them by a request its managers approve.
 */
export const MEMBER_KINDS = [
  'university',
  'institute',
  'enterprise',
] as const satisfies readonly OrganizationKind[];

/** What the messages call each role, in both languages. */
export const MEMBERSHIP_ROLE_NAMES: Readonly<
  Record<MembershipRole, Record<'zh-CN' | 'en', string>>
> = {
  manager: { 'zh-CN': '负责人', en: 'manager' },
  staff: { 'zh-CN': '工作人员', en: 'staff' },
  reviewer: { 'zh-CN': '评审', en: 'reviewer' },
  viewer: { 'zh-CN': '只读', en: 'viewer' },
  member: { 'zh-CN': '成员', en: 'member' },
};
