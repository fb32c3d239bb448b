import { TeamRole } from 'src/identity/roles';

/**
 * What may be done for an organization's events:
 * - `manage`: everything for its events, series, invitations, deals and figures;
 * - `admit`: registrations and check-in of its events;
 * - `review`: the roadshow reviews it is assigned;
 * - `figures`: read its events and their figures.
 */
export const RIGHTS = ['manage', 'admit', 'review', 'figures'] as const;
export type Right = (typeof RIGHTS)[number];

/** The rights each team role gives in its own organization. */
export const ROLE_RIGHTS: Readonly<Record<TeamRole, readonly Right[]>> = {
  manager: ['manage', 'admit', 'review', 'figures'],
  staff: ['admit', 'figures'],
  reviewer: ['review', 'figures'],
  viewer: ['figures'],
};

/**
 * The rights any team role gives over the organizations below its own (the city over its
 * districts): read-only sight. Managing a child takes a role granted there.
 */
export const SIGHT_RIGHTS: readonly Right[] = ['figures'];
