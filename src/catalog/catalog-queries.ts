import { Condition } from 'src/database/querier';

/**
 * The catalog's answers to other features as conditions for their query builders, so that none of
 * them reads the catalog's tables itself: `qb.where(...ownResult('d.result_id', userId))`.
 */

/** `column` names one of the user's research results. */
export const ownResult = (column: string, userId: string): Condition => [
  `${column} IN (SELECT id FROM research_result WHERE owner_id = :resultOwner)`,
  { resultOwner: userId },
];

/** `column` names one of the user's technical needs. */
export const ownNeed = (column: string, userId: string): Condition => [
  `${column} IN (SELECT id FROM technical_need WHERE owner_id = :needOwner)`,
  { needOwner: userId },
];

/** `column` names the user's expert profile. */
export const ownExpertProfile = (column: string, userId: string): Condition => [
  `${column} IN (SELECT id FROM expert_profile WHERE user_id = :profileOwner)`,
  { profileOwner: userId },
];
