/** The stages every intent and deal goes through, or leaves by being dropped with a reason. */
export const STAGES = [
  'intent',
  'contacted',
  'negotiating',
  'signed',
  'landed',
  'dropped',
] as const;
export type Stage = (typeof STAGES)[number];

const MOVES: Record<Stage, readonly Stage[]> = {
  intent: ['contacted', 'dropped'],
  contacted: ['negotiating', 'dropped'],
  negotiating: ['signed', 'dropped'],
  signed: ['landed', 'dropped'],
  landed: [],
  dropped: [],
};

/** One step forward at a time, or dropped; never back, never skipping. */
export function canMoveStage(from: Stage, to: Stage): boolean {
  return MOVES[from].includes(to);
}

/** Kinds of agreement (签约类型). */
export const DEAL_TYPES = [
  'transfer', // 技术转让
  'license', // 技术许可
  'joint_development', // 合作开发
  'platform', // 平台共建（共建研发平台、实验室）
  'equity', // 作价入股
  'technical_service', // 技术服务
] as const;
export type DealType = (typeof DEAL_TYPES)[number];

/** Months after signing at which a deal's owner checks how it is going. */
export const CHECK_IN_MONTHS = [3, 6, 12] as const;

/** `date` (YYYY-MM-DD) plus `months`, at 09:00 Beijing time: when a check-in falls due. */
export function monthsAfter(date: string, months: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d, 1));
}
