import { atWallClock } from 'src/common/time';
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

/**
 * The official categories of a technology contract (技术合同认定登记): 技术开发, 技术转让, 技术许可,
 * 技术咨询, 技术服务.
 */
export const CONTRACT_CATEGORIES = [
  'development', // 技术开发
  'transfer', // 技术转让
  'license', // 技术许可
  'consulting', // 技术咨询
  'service', // 技术服务
] as const;
export type ContractCategory = (typeof CONTRACT_CATEGORIES)[number];

/** Months after signing at which a deal's owner checks how it is going. */
export const CHECK_IN_MONTHS = [3, 6, 12] as const;

/** `date` (YYYY-MM-DD) plus `months`, at 09:00 in `timeZone`: when a check-in falls due. */
export function monthsAfter(date: string, months: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  return atWallClock(`${day}T09:00`, timeZone);
}
