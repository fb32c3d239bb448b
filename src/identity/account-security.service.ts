import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { AuthService } from 'src/identity/auth.service';
import {
  ResetByCodeDto,
  ResetByLinkDto,
  ResetRequestDto,
  SessionDto,
  SignUpAnswerDto,
} from 'src/identity/dto/auth.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { hashPassword, verifyPassword } from 'src/identity/password';
import { ClientInfo, SessionsService } from 'src/identity/sessions.service';
import { User } from 'src/identity/user.entity';
import { AddressKind, MOBILE } from 'src/identity/verification-rules';
import { Verification } from 'src/identity/verification.entity';
import { Verifications } from 'src/identity/verifications';
import { Outbox } from 'src/notifications/outbox';

/**
 * Getting back into an account and changing its addresses: a password reset by e-mail link or
 * SMS code (it ends every session and proves the address it came by), and e-mail or mobile
 * changes that take effect only once the new address is proved, the old one told.
 */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly verifications: Verifications,
    private readonly outbox: Outbox,
  ) {}

  /** Sends a reset link or code when an account has the address; the same answer when none has. */
  async requestReset(input: ResetRequestDto, client: ClientInfo): Promise<SignUpAnswerDto> {
    const kind: AddressKind = input.mobile ? 'mobile' : 'email';
    const address = (input.mobile ?? input.email)!;
    await this.verifications.limit(address, client.ip);
    await this.tx.run(async (manager) => {
      const user = await manager.findOneBy(User, { [kind]: address, disabledAt: IsNull() });
      if (user) await this.verifications.send(user, 'reset', address);
    });
    return { sentTo: [kind] };
  }

  /**
   * Sends a code to the person's proved mobile, to confirm something grave (deleting the account)
   * without a password: accounts that sign in by SMS have none.
   */
  async sendConfirmationCode(user: AuthUser, client: ClientInfo): Promise<void> {
    const mobile = user.verifiedMobile;
    if (!mobile) throw IdentityError.CONFIRMATION_NO_PROVED_MOBILE().onField('code');
    await this.verifications.limit(mobile, client.ip);
    await this.tx.run(() => this.verifications.send(user, 'confirm_deletion', mobile));
  }

  /**
   * Confirms it is the person themselves: their current password, or the code sent by
   * `sendConfirmationCode`. Call it outside a transaction (a wrong code counts even so).
   */
  async confirmPerson(user: AuthUser, proof: { password?: string; code?: string }): Promise<void> {
    if (proof.code !== undefined) {
      if (!user.verifiedMobile) throw IdentityError.CONFIRMATION_NO_PROVED_MOBILE().onField('code');
      await this.verifications.redeemCode(user.verifiedMobile, ['confirm_deletion'], proof.code);
      return;
    }
    if (proof.password === undefined)
      throw IdentityError.CONFIRMATION_REQUIRED().onField('password', 'code');
    const current = await this.tx
      .repository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(current.passwordHash ?? undefined, proof.password)))
      throw IdentityError.CONFIRMATION_WRONG_PASSWORD().onField('password');
  }

  /** A new password by the e-mail link: every session ends, and a new one opens here. */
  async resetByLink(input: ResetByLinkDto, client: ClientInfo): Promise<SessionDto> {
    const passwordHash = await hashPassword(input.newPassword);
    return this.tx.run(async () => {
      const proof = await this.verifications.redeemLink(input.token, ['reset']);
      return this.reset(proof, 'email', passwordHash, client);
    });
  }

  /** A new password by the SMS code: every session ends, and a new one opens here. */
  async resetByCode(input: ResetByCodeDto, client: ClientInfo): Promise<SessionDto> {
    const passwordHash = await hashPassword(input.newPassword);
    const proof = await this.verifications.redeemCode(input.mobile, ['reset'], input.code);
    return this.tx.run(() => this.reset(proof, 'mobile', passwordHash, client));
  }

  /**
   * Sends a link or code to the new address; the change takes effect when it is followed. An
   * address of another account gets that account's owner told instead, with the same answer.
   */
  async requestAddressChange(
    authUser: AuthUser,
    address: string,
    client: ClientInfo,
  ): Promise<SignUpAnswerDto> {
    const kind: AddressKind = MOBILE.test(address) ? 'mobile' : 'email';
    await this.verifications.limit(address, client.ip);
    await this.tx.run(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: authUser.id });
      const owner = await manager.findOneBy(User, { [kind]: address });
      if (!owner) {
        const purpose = kind === 'email' ? 'change_email' : 'change_mobile';
        await this.verifications.send(user, purpose, address);
      } else if (owner.id !== user.id) {
        await this.outbox.add([
          {
            idempotencyKey: `address-claimed:${owner.id}:${kind}:${Date.now()}`,
            channel: kind === 'email' ? 'email' : 'sms',
            template: 'sign-up-attempt',
            locale: owner.locale,
            recipient: address,
            data: {
              name: owner.name,
              signInUrl: `${this.config.publicUrl}/sign-in`,
              resetUrl: `${this.config.publicUrl}/reset-password`,
            },
          },
        ]);
      }
    });
    return { sentTo: [kind] };
  }

  private async reset(
    proof: Verification,
    kind: AddressKind,
    passwordHash: string,
    client: ClientInfo,
  ): Promise<SessionDto> {
    const { manager } = this.tx;
    const user = await manager.findOneByOrFail(User, { id: proof.userId });
    if (user.disabledAt) throw IdentityError.AUTH_ACCOUNT_DISABLED();
    if (user[kind] !== proof.target) throw IdentityError.VERIFICATION_INVALID();
    const proved =
      kind === 'email' ? { emailVerifiedAt: new Date() } : { mobileVerifiedAt: new Date() };
    const already = kind === 'email' ? user.emailVerifiedAt : user.mobileVerifiedAt;
    await manager.update(User, { id: user.id }, { passwordHash, ...(already ? {} : proved) });
    await this.sessions.endAll(user.id);
    return this.auth.openSession(user, client);
  }
}
