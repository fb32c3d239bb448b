import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { IdentityError } from 'src/identity/identity.errors';
import { User } from 'src/identity/user.entity';
import { Verification } from 'src/identity/verification.entity';
import {
  CODE_TTL_SECONDS,
  codeOf,
  LINK_TTL_SECONDS,
  MAX_CODE_ATTEMPTS,
  MOBILE,
  SEND_WINDOW_SECONDS,
  SENDS_PER_ADDRESS,
  SENDS_PER_CLIENT,
  VerificationPurpose,
  verificationState,
} from 'src/identity/verification-rules';
import { withSecrets } from 'src/notifications/one-time-secrets';
import { Outbox } from 'src/notifications/outbox';

/** The page an e-mail link of each purpose opens. */
const LINK_PAGES: Partial<Record<VerificationPurpose, string>> = {
  verify_email: '/verify-email',
  change_email: '/verify-email',
  reset: '/reset-password',
};

/** The message each purpose sends (e-mail parts for a link, the `sms` part for a code). */
const TEMPLATES: Record<VerificationPurpose, string> = {
  verify_email: 'verify-address',
  verify_mobile: 'verify-address',
  change_email: 'verify-address',
  change_mobile: 'verify-address',
  sign_in: 'sign-in-code',
  confirm_deletion: 'deletion-code',
  reset: 'password-reset',
};

/**
 * Proofs of addresses: a link by e-mail (a random token, a day) or a 6-digit code by SMS (ten
 * minutes, five tries), both through the outbox and rate-limited per address and per client.
 * Only a keyed hash of a token or code is stored.
 */
@Injectable()
export class Verifications {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly outbox: Outbox,
  ) {}

  /** Counts a message to `address` from `ip` against both limits (429 past either). */
  async limit(address: string, ip: string): Promise<void> {
    await this.rateLimiter.consume(`verify:${address}`, SENDS_PER_ADDRESS, SEND_WINDOW_SECONDS);
    await this.rateLimiter.consume(`verify-ip:${ip}`, SENDS_PER_CLIENT, SEND_WINDOW_SECONDS);
  }

  /**
   * Sends a link (to an e-mail address) or a code (to a mobile number) for `purpose`, in the
   * caller's transaction; an earlier one still open for the same address and purpose ends. A
   * link's page goes on to `next` (a path of this site) once it has verified.
   */
  async send(
    user: Pick<User, 'id' | 'name' | 'locale'>,
    purpose: VerificationPurpose,
    target: string,
    next?: string,
  ): Promise<void> {
    const { manager } = this.tx;
    const id = randomUUID();
    const byCode = MOBILE.test(target);
    const secret = byCode ? codeOf(randomInt(1_000_000)) : randomBytes(32).toString('base64url');
    await manager
      .createQueryBuilder()
      .update(Verification)
      .set({ expiresAt: () => 'least(expires_at, now())' })
      .where('target = :target AND purpose = :purpose AND used_at IS NULL', { target, purpose })
      .execute();
    const ttl = byCode ? CODE_TTL_SECONDS : LINK_TTL_SECONDS;
    await manager.insert(Verification, {
      id,
      userId: user.id,
      purpose,
      target,
      secretHash: this.hash(byCode ? `${id}:${secret}` : secret),
      expiresAt: new Date(Date.now() + ttl * 1000),
      attempts: 0,
      usedAt: null,
    });
    const data = byCode
      ? withSecrets({ name: user.name, code: secret, minutes: CODE_TTL_SECONDS / 60 }, ['code'])
      : withSecrets({ name: user.name, url: this.linkOf(purpose, secret, next) }, ['url']);
    await this.outbox.add([
      {
        idempotencyKey: `verification:${id}`,
        channel: byCode ? 'sms' : 'email',
        template: TEMPLATES[purpose],
        locale: user.locale,
        recipient: target,
        data,
      },
    ]);
  }

  /**
   * Uses an e-mail link's token for one of `purposes`, in the caller's transaction: once only,
   * before it expires. Refused alike when unknown or of another purpose.
   */
  async redeemLink(token: string, purposes: VerificationPurpose[]): Promise<Verification> {
    const row = await this.tx.manager.findOne(Verification, {
      where: { secretHash: this.hash(token) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || !purposes.includes(row.purpose)) throw IdentityError.VERIFICATION_INVALID();
    const state = verificationState(row, new Date());
    if (state === 'used') throw IdentityError.VERIFICATION_USED();
    if (state !== 'open') throw IdentityError.VERIFICATION_EXPIRED();
    await this.tx.manager.update(Verification, { id: row.id }, { usedAt: new Date() });
    return row;
  }

  /**
   * Checks an SMS code sent to `mobile` for one of `purposes` against the newest one. Every try
   * counts (in its own statement, so it holds even when the caller's work is refused): after
   * five, even the right code is refused. Call it outside a transaction.
   */
  async redeemCode(
    mobile: string,
    purposes: VerificationPurpose[],
    code: string,
  ): Promise<Verification> {
    const row = await this.tx.manager
      .createQueryBuilder(Verification, 'v')
      .where('v.target = :mobile AND v.purpose IN (:...purposes)', { mobile, purposes })
      .orderBy('v.createdAt', 'DESC')
      .getOne();
    if (!row) throw IdentityError.VERIFICATION_INVALID().onField('code');
    const state = verificationState(row, new Date());
    if (state === 'locked') throw IdentityError.VERIFICATION_TOO_MANY_ATTEMPTS().onField('code');
    if (state === 'expired') throw IdentityError.VERIFICATION_EXPIRED().onField('code');
    if (state === 'used') throw IdentityError.VERIFICATION_INVALID().onField('code');
    // Counted before it is compared, atomically: parallel guesses cannot pass the cap.
    const counted = await this.tx.query<unknown[][]>(
      `UPDATE verification SET attempts = attempts + 1
        WHERE id = $1 AND used_at IS NULL AND attempts < $2 AND expires_at > now() RETURNING id`,
      [row.id, MAX_CODE_ATTEMPTS],
    );
    if (counted[0].length === 0)
      throw IdentityError.VERIFICATION_TOO_MANY_ATTEMPTS().onField('code');
    if (!this.matches(row.secretHash, `${row.id}:${code}`))
      throw IdentityError.VERIFICATION_INVALID().onField('code');
    const used = await this.tx.query<unknown[][]>(
      'UPDATE verification SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id',
      [row.id],
    );
    if (used[0].length === 0) throw IdentityError.VERIFICATION_INVALID().onField('code');
    return row;
  }

  private linkOf(purpose: VerificationPurpose, token: string, next: string | undefined): string {
    const query = new URLSearchParams({ token });
    if (next && next.startsWith('/') && !next.startsWith('//')) query.set('next', next);
    return `${this.config.publicUrl}${LINK_PAGES[purpose]}?${query.toString()}`;
  }

  private hash(secret: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(secret).digest('hex');
  }

  private matches(stored: string, secret: string): boolean {
    const given = Buffer.from(this.hash(secret), 'hex');
    const expected = Buffer.from(stored, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
