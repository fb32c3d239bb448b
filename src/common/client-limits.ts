import { Inject, Injectable } from '@nestjs/common';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';

const HOUR = 3600;

/**
 * Named limits on what one client address, one account or one contact address may start in an
 * hour, for the things anyone can start cheaply and that cost the platform (an argon2 hash, a
 * seat, messages to strangers, an import). Each refuses with 429 `TOO_MANY_REQUESTS` and
 * `Retry-After`. The address is `request.ip`: the client's own behind a trusted proxy.
 */
@Injectable()
export class ClientLimits {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A sign-up from `ip` (before its password is hashed). */
  async signUp(ip: string): Promise<void> {
    await this.limiter.consume(`sign-up-ip:${ip}`, this.config.limits.signUpsPerAddress, HOUR);
  }

  /**
   * A guest's registration from `ip` giving `contacts` (e-mail, mobile): per address across
   * events, and per contact across addresses (nobody fills inboxes by registering a stranger).
   */
  async guestRegistration(ip: string, contacts: string[]): Promise<void> {
    const { guestRegistrationsPerAddress, guestRegistrationsPerContact } = this.config.limits;
    await this.limiter.consumeEach([
      { key: `guest-ip:${ip}`, limit: guestRegistrationsPerAddress, windowSeconds: HOUR },
      ...contacts.map((contact) => ({
        key: `guest-contact:${contact.trim().toLowerCase()}`,
        limit: guestRegistrationsPerContact,
        windowSeconds: HOUR,
      })),
    ]);
  }

  /**
   * Asking for a registration's link again from `ip` for `contact`: counted as a guest's
   * registration is (the same limits, their own counters), so nobody fills a stranger's inbox or
   * phone by asking, nor tries addresses one after another.
   */
  async registrationLink(ip: string, contact: string): Promise<void> {
    const { guestRegistrationsPerAddress, guestRegistrationsPerContact } = this.config.limits;
    await this.limiter.consume(`link-ip:${ip}`, guestRegistrationsPerAddress, HOUR);
    await this.limiter.consume(`link-contact:${contact}`, guestRegistrationsPerContact, HOUR);
  }

  /** An import (results, needs, invitation lists) by `userId` from `ip`. */
  async import(userId: string, ip: string): Promise<void> {
    const { importsPerAccount, importsPerAddress } = this.config.limits;
    await this.limiter.consume(`import-user:${userId}`, importsPerAccount, HOUR);
    await this.limiter.consume(`import-ip:${ip}`, importsPerAddress, HOUR);
  }
}
