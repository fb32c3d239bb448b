import { Querier } from 'src/database/querier';

/** The name of the organization the user acts for: an enterprise first, else the first by name. */
export async function organizationNameOf(db: Querier, userId: string): Promise<string | undefined> {
  const [organization] = await db.query<{ name: string }[]>(
    `SELECT o.name FROM membership m JOIN organization o ON o.id = m.organization_id
      WHERE m.user_id = $1 ORDER BY (o.kind = 'enterprise') DESC, o.name LIMIT 1`,
    [userId],
  );
  return organization?.name;
}
