import { Tx } from 'src/database/tx';

/**
 * Writes another feature adds to a caller's statement: named parts of its WITH clause (`ctes`)
 * whose parameters are numbered from `firstParam`, writing nothing unless the SQL condition `when`
 * holds. One statement is one round trip and its own transaction: what must stand or fall together
 * does, without holding locks across round trips.
 */
export type StatementPart = (
  firstParam: number,
  when: string,
) => { ctes: string; params: unknown[] };

/** Runs a part as a statement of its own, in the caller's transaction if there is one. */
export async function runPart(tx: Tx, part: StatementPart): Promise<void> {
  const { ctes, params } = part(1, 'true');
  await tx.query(`WITH ${ctes} SELECT 1`, params);
}

/**
 * Several parts as one, numbered one after the other (their WITH names must differ). With nothing
 * to write its `ctes` are empty: a caller then has no part to add (see registerInvited).
 */
export function allParts(...parts: StatementPart[]): StatementPart {
  return (firstParam, when) => {
    const ctes: string[] = [];
    const params: unknown[] = [];
    for (const part of parts) {
      const written = part(firstParam + params.length, when);
      // A part with nothing to write (no consents ticked, say) adds nothing.
      if (written.ctes.trim() === '') continue;
      ctes.push(written.ctes);
      params.push(...written.params);
    }
    return { ctes: ctes.join(',\n'), params };
  };
}
