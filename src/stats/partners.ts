import { provinceOf, provinceRank } from 'src/common/provinces';

/**
 * Partner institutions (合作院所): the universities and institutes that signed the deals the events
 * in scope led to (dropped deals aside), each once, by name as typed (trimmed, case aside). Each
 * lies in one province: the one the regions of its deals name most (a deal's region is its
 * result's, else its institution's), ties going to the first in the customary order; an
 * institution whose deals name no province the platform knows is counted apart.
 */
export interface PartnerProvinces {
  /** Every partner institution, once. */
  institutions: number;
  /** By province (as the map names it: 四川, 内蒙古 …), most first. */
  provinces: { province: string; institutions: number }[];
  /** Those whose region is not given or names no province. */
  unplaced: number;
}

/** An institution's deals in one region, as the roll-up reads them. */
export interface PartnerRow {
  institution: string;
  region: string | null;
  deals: number;
}

export function placePartners(rows: readonly PartnerRow[]): PartnerProvinces {
  const votes = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const byProvince = votes.get(row.institution) ?? new Map<string, number>();
    votes.set(row.institution, byProvince);
    const province = provinceOf(row.region);
    if (province) byProvince.set(province, (byProvince.get(province) ?? 0) + row.deals);
  }
  const counts = new Map<string, number>();
  let unplaced = 0;
  for (const byProvince of votes.values()) {
    const [first] = [...byProvince].sort(
      ([a, m], [b, n]) => n - m || provinceRank(a) - provinceRank(b),
    );
    if (first) counts.set(first[0], (counts.get(first[0]) ?? 0) + 1);
    else unplaced += 1;
  }
  return {
    institutions: votes.size,
    provinces: [...counts]
      .map(([province, institutions]) => ({ province, institutions }))
      .sort(
        (a, b) =>
          b.institutions - a.institutions || provinceRank(a.province) - provinceRank(b.province),
      ),
    unplaced,
  };
}
