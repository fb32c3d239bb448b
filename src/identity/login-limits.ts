import { Inject, Injectable } from '@nestjs/common';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';

/** How long an address an account signed in from stays "known" to it. */
const KNOWN_ADDRESS_SECONDS = 90 * 24 * 3600;

/**
 * Sign-in limits shaped so that nobody can lock a person out from where they sign in:
 * - failures for one account from one address (`LOGIN_MAX_ATTEMPTS`): a guesser at one address
 *   stops there, and the person's own address is counted apart;
 * - attempts from one address across accounts (`LOGIN_MAX_PER_ADDRESS`): one address spraying
 *   many accounts stops; each address behind a trusted proxy is counted on its own;
 * - failures for one account across addresses (`LOGIN_MAX_PER_ACCOUNT`, higher): a guesser
 *   spread over many addresses stops, but only at addresses the account has never signed in
 *   from, so the real person's own addresses stay open.
 * A success takes its attempt back and forgets the account's failures at that address.
 */
@Injectable()
export class LoginLimits {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts an attempt for `account` from `ip`; 429 with `Retry-After` past any limit. */
  async attempt(account: string, ip: string): Promise<void> {
    const { maxAttempts, maxPerAddress, maxPerAccount, windowSeconds } = this.config.login;
    const keys = keysOf(account, ip);
    await this.limiter.consume(keys.accountAtAddress, maxAttempts, windowSeconds);
    await this.limiter.consume(keys.address, maxPerAddress, windowSeconds);
    if (!(await this.limiter.remembers(keys.known)))
      await this.limiter.consume(keys.account, maxPerAccount, windowSeconds);
  }

  /** The attempt succeeded: it does not count, and the address is known to the account from now on. */
  async succeeded(account: string, ip: string): Promise<void> {
    const keys = keysOf(account, ip);
    await this.limiter.reset(keys.accountAtAddress);
    await this.limiter.giveBack(keys.address);
    await this.limiter.remember(keys.known, KNOWN_ADDRESS_SECONDS);
  }
}

function keysOf(account: string, ip: string) {
  const id = account.trim().toLowerCase();
  return {
    accountAtAddress: `login:${id}@${ip}`,
    address: `login-ip:${ip}`,
    account: `login-account:${id}`,
    known: `login-known:${id}@${ip}`,
  };
}
