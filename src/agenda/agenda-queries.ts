import { Querier } from 'src/database/querier';

/** Whether the user presents the agenda item. */
export async function presentsItem(db: Querier, itemId: string, userId: string): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    'SELECT 1 FROM agenda_presenter WHERE item_id = $1 AND user_id = $2',
    [itemId, userId],
  );
  return rows.length > 0;
}
