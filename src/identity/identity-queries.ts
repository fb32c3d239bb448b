import { Condition, Querier } from 'src/database/querier';

/** The name of the organization the user acts for: an enterprise first, else the first by name. */
export async function organizationNameOf(db: Querier, userId: string): Promise<string | undefined> {
  const [organization] = await db.query<{ name: string }[]>(
    `SELECT o.name FROM membership m JOIN organization o ON o.id = m.organization_id
      WHERE m.user_id = $1 ORDER BY (o.kind = 'enterprise') DESC, o.name LIMIT 1`,
    [userId],
  );
  return organization?.name;
}

/**
 * `column` names the organization or one of the organizations below it, at any depth (a city and
 * its districts): how another feature's list narrows to one branch of the hierarchy.
 */
export function organizationAndBelow(column: string, organizationId: string): Condition {
  return [
    `${column} IN (WITH RECURSIVE branch AS (
       SELECT id FROM organization WHERE id = :branchRoot
       UNION SELECT o.id FROM organization o JOIN branch b ON o.parent_id = b.id
     ) SELECT id FROM branch)`,
    { branchRoot: organizationId },
  ];
}
