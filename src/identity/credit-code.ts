/** Characters of a unified social credit code (统一社会信用代码, GB 32100-2015), in value order. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** True when `code` is 18 characters of the code's alphabet with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + CHARSET.indexOf(code[i]) * weight, 0);
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] === code[17];
}
