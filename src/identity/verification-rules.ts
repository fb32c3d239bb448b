import { CN_MOBILE, normalizeMobile } from 'src/common/mobile';
/**
 * The rules of proving an address, pure: what a verification is for, how long it lives, how many
 * wrong codes it takes, and what a mobile number looks like once normalized.
 */

export const VERIFICATION_PURPOSES = [
  'verify_email',
  'verify_mobile',
  'sign_in',
  'reset',
  'change_email',
  'change_mobile',
  'confirm_deletion',
] as const;
export type VerificationPurpose = (typeof VERIFICATION_PURPOSES)[number];

/** An e-mail address gets a link (a random token), a mobile number a 6-digit code. */
export type AddressKind = 'email' | 'mobile';

/** A link lives a day; a code ten minutes. */
export const LINK_TTL_SECONDS = 24 * 3600;
export const CODE_TTL_SECONDS = 10 * 60;
/** The fifth wrong code ends a code: after that even the right one is refused. */
export const MAX_CODE_ATTEMPTS = 5;

/** At most this many links or codes to one address, and from one client, per hour. */
export const SENDS_PER_ADDRESS = 5;
export const SENDS_PER_CLIENT = 30;
export const SEND_WINDOW_SECONDS = 3600;

export type VerificationState = 'open' | 'used' | 'expired' | 'locked';

/** Where a verification stands at `now`. */
export function verificationState(
  v: { usedAt: Date | null; expiresAt: Date; attempts: number },
  now: Date,
): VerificationState {
  if (v.usedAt) return 'used';
  if (v.attempts >= MAX_CODE_ATTEMPTS) return 'locked';
  if (v.expiresAt <= now) return 'expired';
  return 'open';
}

/** One way of writing and matching a mainland mobile number for the whole platform. */
export { normalizeMobile };
export const MOBILE = CN_MOBILE;

/** A 6-digit code, from a random integer below 10⁶. */
export function codeOf(random: number): string {
  return String(random % 1_000_000).padStart(6, '0');
}

/** How an address is shown to the person who typed it elsewhere: 138****0001, w***@example.cn. */
export function maskAddress(address: string): string {
  if (MOBILE.test(address)) return `${address.slice(0, 3)}****${address.slice(7)}`;
  const [local, domain] = address.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}
