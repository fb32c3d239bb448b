import { Condition } from 'src/database/querier';
import { Managed } from 'src/events/event-access';

/**
 * `column` names an event of one of the organizations (every event for 'all'): how another
 * feature's list keeps to the events its caller has a right over.
 */
export function eventOfOrganizations(column: string, organizations: Managed): Condition {
  if (organizations === 'all') return [`${column} IS NOT NULL`, {}];
  if (organizations.length === 0) return ['false', {}];
  return [
    `${column} IN (SELECT id FROM event WHERE organization_id IN (:...eventOrganizations))`,
    { eventOrganizations: organizations },
  ];
}
