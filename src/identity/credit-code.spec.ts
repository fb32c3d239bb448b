import { isValidCreditCode } from 'src/identity/credit-code';

describe('isValidCreditCode', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91110000600037341L', true],
    ['911100001000013441', false], // wrong check character
    ['91350100M000100Y4', false], // too short
    ['91350100M000100Y43X', false], // too long
    ['91350100I000100Y43', false], // I is not in the alphabet
    ['91350100m000100y43', false], // lower case
    ['', false],
  ])('%s → %s', (code, valid) => {
    expect(isValidCreditCode(code)).toBe(valid);
  });
});
