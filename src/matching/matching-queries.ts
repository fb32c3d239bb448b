import { Querier } from 'src/database/querier';

/**
 * The needs an organizer matched (confirmed) to the user's expert profile or one of their results:
 * matching's answer to the catalog, which opens a matched-only need to them. `needId` narrows it
 * to one need.
 */
export async function needsMatchedTo(
  db: Querier,
  userId: string,
  needId?: string,
): Promise<Set<string>> {
  const rows = await db.query<{ need_id: string }[]>(
    `SELECT m.need_id FROM match m
       LEFT JOIN expert_profile e ON e.id = m.expert_id
       LEFT JOIN research_result r ON r.id = m.result_id
      WHERE m.decision = 'confirmed' AND (e.user_id = $1 OR r.owner_id = $1)
        AND ($2::uuid IS NULL OR m.need_id = $2)`,
    [userId, needId ?? null],
  );
  return new Set(rows.map((r) => r.need_id));
}
