import {
  codeOf,
  maskAddress,
  MAX_CODE_ATTEMPTS,
  normalizeMobile,
  verificationState,
} from 'src/identity/verification-rules';

describe('verification rules', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  const later = new Date('2026-05-01T10:05:00Z');

  it('keeps a verification open until it is used, expires or runs out of attempts', () => {
    expect(verificationState({ usedAt: null, expiresAt: later, attempts: 0 }, now)).toBe('open');
    expect(verificationState({ usedAt: now, expiresAt: later, attempts: 0 }, now)).toBe('used');
    expect(verificationState({ usedAt: null, expiresAt: now, attempts: 0 }, now)).toBe('expired');
    expect(
      verificationState({ usedAt: null, expiresAt: later, attempts: MAX_CODE_ATTEMPTS }, now),
    ).toBe('locked');
    expect(
      verificationState({ usedAt: null, expiresAt: later, attempts: MAX_CODE_ATTEMPTS - 1 }, now),
    ).toBe('open');
  });

  it('writes a mainland mobile number as its 11 digits', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('8613800138000')).toBe('13800138000');
    expect(normalizeMobile(' 13800138000 ')).toBe('13800138000');
    expect(normalizeMobile('12345')).toBe('12345');
    // Anything else keeps its digits and signs, for the validator to refuse.
    expect(normalizeMobile('+1 415 555 0100')).toBe('+14155550100');
  });

  it('makes six-digit codes and masks addresses', () => {
    expect(codeOf(42)).toBe('000042');
    expect(codeOf(123_456_789)).toBe('456789');
    expect(maskAddress('13800138000')).toBe('138****8000');
    expect(maskAddress('wang@example.cn')).toBe('w***@example.cn');
  });
});
