import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Access } from 'src/access/access';
import { IsNull, SelectQueryBuilder } from 'typeorm';
import { AuthUser, Authenticator } from 'src/common/auth/auth-user';
import { ClientLimits } from 'src/common/client-limits';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import {
  ChangePasswordDto,
  LoginDto,
  MeDto,
  MobileCodeDto,
  SessionDto,
  SignUpAnswerDto,
  SignUpDto,
} from 'src/identity/dto/auth.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { LoginLimits } from 'src/identity/login-limits';
import { Membership } from 'src/identity/membership.entity';
import { OrganizationsService, toOrganizationDto } from 'src/identity/organizations.service';
import { hashPassword, verifyPassword } from 'src/identity/password';
import { Session } from 'src/identity/session.entity';
import { ClientInfo, SessionsService, TokenClaims } from 'src/identity/sessions.service';
import { User } from 'src/identity/user.entity';
import { AddressKind, maskAddress } from 'src/identity/verification-rules';
import { Verifications } from 'src/identity/verifications';
import { authUserOf } from 'src/identity/verified-identity';
import { Outbox } from 'src/notifications/outbox';
import { Consents } from 'src/privacy/consents';
import { Tx } from 'src/database/tx';

export { ClientInfo } from 'src/identity/sessions.service';

@Injectable()
export class AuthService implements Authenticator {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly loginLimits: LoginLimits,
    private readonly clientLimits: ClientLimits,
    private readonly organizations: OrganizationsService,
    private readonly outbox: Outbox,
    private readonly access: Access,
    private readonly consents: Consents,
    private readonly sessions: SessionsService,
    private readonly verifications: Verifications,
  ) {}

  /**
   * Creates the account unverified (and its organization) and sends a link to the e-mail address
   * and a code to the mobile; nothing is granted on either until it is proved. When an address
   * belongs to an account already, nothing is created and its owner is told instead: the answer
   * is the same either way, so sign-up does not tell who has an account.
   */
  async signUp(input: SignUpDto, client: ClientInfo, next?: string): Promise<SignUpAnswerDto> {
    const addresses = [input.email, input.mobile].filter((a): a is string => !!a);
    if (addresses.length === 0)
      throw IdentityError.AUTH_ADDRESS_REQUIRED().onField('email', 'mobile');
    await this.clientLimits.signUp(client.ip);
    for (const address of addresses) await this.verifications.limit(address, client.ip);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    await this.tx
      .run(async (manager) => {
        const owners = await manager
          .createQueryBuilder(User, 'u')
          .setLock('pessimistic_write')
          .where('u.email = :email OR u.mobile = :mobile', {
            email: input.email ?? null,
            mobile: input.mobile ?? null,
          })
          .getMany();
        if (owners.length > 0) return this.tellOwners(owners, input);
        const user = await manager.save(
          manager.create(User, {
            name: input.name,
            email: input.email ?? null,
            mobile: input.mobile ?? null,
            emailVerifiedAt: null,
            mobileVerifiedAt: null,
            disabledAt: null,
            locale: input.locale ?? this.config.defaultLocale,
            roles: [input.role],
            passwordHash,
          }),
        );
        await this.consents.acceptNotice({ type: 'user', id: user.id });
        if (input.organization)
          await this.organizations.createWithMember(user.id, input.organization);
        if (user.email) await this.verifications.send(user, 'verify_email', user.email, next);
        if (user.mobile) await this.verifications.send(user, 'verify_mobile', user.mobile);
      })
      .catch((error: unknown) => {
        // Another sign-up with the address committed first: the answer stays the same.
        const raced = ['uq_user_account_email', 'uq_user_account_mobile'].some((c) =>
          isUniqueViolation(error, c),
        );
        if (!raced) throw error;
      });
    const sentTo: AddressKind[] = [];
    if (input.email) sentTo.push('email');
    if (input.mobile) sentTo.push('mobile');
    return { sentTo };
  }

  /** A wrong password and an unknown e-mail get the same answer, in the same time. */
  async login(input: LoginDto, client: ClientInfo): Promise<SessionDto> {
    await this.loginLimits.attempt(input.email, client.ip);

    const user = await this.withPasswordHash()
      .where('u.email = :email', { email: input.email })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash ?? undefined, input.password);
    if (!user || !valid) throw IdentityError.AUTH_INVALID_CREDENTIALS();
    if (user.disabledAt) throw IdentityError.AUTH_ACCOUNT_DISABLED();
    await this.loginLimits.succeeded(input.email, client.ip);
    return this.tx.run(() => this.openSession(user, client));
  }

  /**
   * Sends a sign-in code to the mobile when an account has it (and is not disabled); the answer
   * is the same when none has.
   */
  async sendSignInCode(mobile: string, client: ClientInfo): Promise<void> {
    await this.verifications.limit(mobile, client.ip);
    await this.tx.run(async (manager) => {
      const user = await manager.findOneBy(User, { mobile, disabledAt: IsNull() });
      if (user) await this.verifications.send(user, 'sign_in', mobile);
    });
  }

  /** Signs in by the mobile and its SMS code (no password); the code proves the mobile too. */
  async loginByCode(input: MobileCodeDto, client: ClientInfo): Promise<SessionDto> {
    const proof = await this.verifications.redeemCode(input.mobile, ['sign_in'], input.code);
    return this.tx.run(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: proof.userId });
      if (user.disabledAt) throw IdentityError.AUTH_ACCOUNT_DISABLED();
      if (user.mobile !== proof.target) throw IdentityError.VERIFICATION_INVALID().onField('code');
      if (!user.mobileVerifiedAt) await this.markVerified(user, 'mobile');
      return this.openSession(user, client);
    });
  }

  /** Following the e-mail link proves the address (or makes a change take effect) and signs in. */
  async verifyEmail(token: string, client: ClientInfo): Promise<SessionDto> {
    return this.tx.run(async (manager) => {
      const proof = await this.verifications.redeemLink(token, ['verify_email', 'change_email']);
      const user = await manager.findOneByOrFail(User, { id: proof.userId });
      if (user.disabledAt) throw IdentityError.AUTH_ACCOUNT_DISABLED();
      if (proof.purpose === 'change_email') await this.changeAddress(user, 'email', proof.target);
      else if (user.email !== proof.target) throw IdentityError.VERIFICATION_INVALID();
      else if (!user.emailVerifiedAt) await this.markVerified(user, 'email');
      return this.openSession(user, client);
    });
  }

  /** Entering the SMS code proves the mobile (or makes a change take effect) and signs in. */
  async verifyMobile(input: MobileCodeDto, client: ClientInfo): Promise<SessionDto> {
    const purposes = ['verify_mobile', 'change_mobile'] as const;
    const proof = await this.verifications.redeemCode(input.mobile, [...purposes], input.code);
    return this.tx.run(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: proof.userId });
      if (user.disabledAt) throw IdentityError.AUTH_ACCOUNT_DISABLED();
      if (proof.purpose === 'change_mobile') await this.changeAddress(user, 'mobile', proof.target);
      else if (user.mobile !== proof.target) throw IdentityError.VERIFICATION_INVALID();
      else if (!user.mobileVerifiedAt) await this.markVerified(user, 'mobile');
      return this.openSession(user, client);
    });
  }

  /** Sends the link and code again for the caller's addresses that are not verified yet. */
  async resendVerification(authUser: AuthUser, client: ClientInfo): Promise<SignUpAnswerDto> {
    const user = await this.tx.repository(User).findOneByOrFail({ id: authUser.id });
    const sentTo: AddressKind[] = [];
    if (user.email && !user.emailVerifiedAt) sentTo.push('email');
    if (user.mobile && !user.mobileVerifiedAt) sentTo.push('mobile');
    for (const kind of sentTo) await this.verifications.limit(user[kind]!, client.ip);
    await this.tx.run(async () => {
      for (const kind of sentTo)
        await this.verifications.send(
          user,
          kind === 'email' ? 'verify_email' : 'verify_mobile',
          user[kind]!,
        );
    });
    return { sentTo };
  }

  async logout(user: AuthUser): Promise<void> {
    await this.tx.repository(Session).update({ id: user.sessionId }, { revokedAt: new Date() });
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(user: AuthUser, input: ChangePasswordDto): Promise<void> {
    const current = await this.withPasswordHash()
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(current.passwordHash ?? undefined, input.currentPassword))) {
      throw IdentityError.AUTH_WRONG_PASSWORD().onField('currentPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.tx.run(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.sessions.endAll(user.id, user.sessionId);
    });
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.tx.repository(User).findOneByOrFail({ id: userId });
    return this.toMeDto(user);
  }

  /** For the global guard: a valid signature, an open session and an enabled user. */
  async authenticate(token: string): Promise<AuthUser | undefined> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return undefined;
    }
    if (!isUuid(claims.sid) || !isUuid(claims.sub)) return undefined;
    const session = await this.tx.repository(Session).findOne({
      where: { id: claims.sid, userId: claims.sub, revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!session?.user || session.expiresAt <= new Date()) return undefined;
    if (session.user.disabledAt) return undefined;
    const inTeam = await this.access.inTeam(session.user.id);
    return authUserOf(session.user, { id: session.id, inTeam });
  }

  /** A session for the user and its token, with the account as the API shows it. */
  async openSession(user: User, client: ClientInfo): Promise<SessionDto> {
    const { token, expiresAt } = await this.sessions.open(user.id, client);
    return { token, expiresAt, user: await this.toMeDto(user) };
  }

  /** Users as `u`, with the hash the entity leaves out by default. */
  private withPasswordHash(): SelectQueryBuilder<User> {
    return this.tx.repository(User).createQueryBuilder('u').addSelect('u.passwordHash');
  }

  /** The address is proved; the first proof of an account welcomes it. */
  private async markVerified(user: User, kind: AddressKind): Promise<void> {
    const first = !user.emailVerifiedAt && !user.mobileVerifiedAt;
    const at = new Date();
    if (kind === 'email') user.emailVerifiedAt = at;
    else user.mobileVerifiedAt = at;
    await this.tx.manager.update(User, { id: user.id }, { [`${kind}VerifiedAt`]: at });
    if (first) await this.welcome(user, kind);
  }

  /** A change of address takes effect once the new one is proved; the old one is told. */
  private async changeAddress(user: User, kind: AddressKind, address: string): Promise<void> {
    const taken = await this.tx.manager.findOneBy(User, { [kind]: address });
    if (taken && taken.id !== user.id) throw IdentityError.VERIFICATION_INVALID();
    const old = user[kind];
    user[kind] = address;
    await this.tx.manager.update(User, { id: user.id }, { [kind]: address });
    await this.markVerified(user, kind);
    if (old && old !== address)
      await this.outbox.add([
        {
          idempotencyKey: `address-changed:${user.id}:${kind}:${Date.now()}`,
          channel: kind === 'email' ? 'email' : 'sms',
          template: 'address-changed',
          locale: user.locale,
          recipient: old,
          data: { name: user.name, byEmail: kind === 'email', newAddress: maskAddress(address) },
        },
      ]);
  }

  /** Tells the owner of each address given at sign-up that someone tried it. */
  private async tellOwners(owners: User[], input: SignUpDto): Promise<void> {
    const links = {
      signInUrl: `${this.config.publicUrl}/sign-in`,
      resetUrl: `${this.config.publicUrl}/reset-password`,
    };
    await this.outbox.add(
      owners.flatMap((owner) =>
        (['email', 'mobile'] as const)
          .filter((kind) => !!owner[kind] && owner[kind] === input[kind])
          .map((kind) => ({
            idempotencyKey: `sign-up-attempt:${owner.id}:${kind}:${Date.now()}`,
            channel: kind === 'email' ? ('email' as const) : ('sms' as const),
            template: 'sign-up-attempt',
            locale: owner.locale,
            recipient: owner[kind],
            data: { name: owner.name, ...links },
          })),
      ),
    );
  }

  private async welcome(user: User, kind: AddressKind): Promise<void> {
    await this.outbox.add([
      {
        idempotencyKey: `welcome:${user.id}`,
        channel: kind === 'email' ? 'email' : 'sms',
        template: 'welcome',
        locale: user.locale,
        recipient: user[kind],
        data: {
          name: user.name,
          email: user.email ?? user.mobile,
          loginUrl: `${this.config.publicUrl}/sign-in`,
        },
      },
    ]);
  }

  private async toMeDto(user: User): Promise<MeDto> {
    const { manager } = this.tx;
    const memberships = await manager.find(Membership, {
      where: { userId: user.id },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      mobile: user.mobile,
      emailVerified: !!user.emailVerifiedAt,
      mobileVerified: !!user.mobileVerifiedAt,
      locale: user.locale,
      roles: user.roles,
      memberships: memberships.map((m) => ({
        organization: toOrganizationDto(m.organization!),
        title: m.title,
      })),
    };
  }
}

function isUuid(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}
