import { Condition } from 'src/database/querier';
import { Managed } from 'src/events/event-access';

/** `column` names one of the organizations (any for 'all'): the scope a caller's rights give. */
export function inOrganizations(column: string, organizations: Managed): Condition {
  if (organizations === 'all') return ['true', {}];
  if (organizations.length === 0) return ['false', {}];
  return [`${column} IN (:...scopeOrganizations)`, { scopeOrganizations: organizations }];
}

/**
 * `column` names an event of one of the organizations (every event for 'all'): how another
 * feature's list keeps to the events its caller has a right over.
 */
export function eventOfOrganizations(column: string, organizations: Managed): Condition {
  if (organizations === 'all') return [`${column} IS NOT NULL`, {}];
  const [organization, params] = inOrganizations('organization_id', organizations);
  return [`${column} IN (SELECT id FROM event WHERE ${organization})`, params];
}
