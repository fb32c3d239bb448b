import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Access } from 'src/access/access';
import { IsNull, SelectQueryBuilder } from 'typeorm';
import { AuthUser, Authenticator } from 'src/common/auth/auth-user';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import {
  ChangePasswordDto,
  LoginDto,
  MeDto,
  SessionDto,
  SignUpDto,
} from 'src/identity/dto/auth.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Membership } from 'src/identity/membership.entity';
import { OrganizationsService, toOrganizationDto } from 'src/identity/organizations.service';
import { hashPassword, verifyPassword } from 'src/identity/password';
import { Session } from 'src/identity/session.entity';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';
import { Consents } from 'src/privacy/consents';
import { Tx } from 'src/database/tx';

interface TokenClaims {
  sub: string;
  sid: string;
}

/** Where a sign-in comes from; kept on the session. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService implements Authenticator {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
    private readonly organizations: OrganizationsService,
    private readonly outbox: Outbox,
    private readonly access: Access,
    private readonly consents: Consents,
  ) {}

  /** Creates the account (and its organization), signs it in, and sends the welcome message once. */
  async signUp(input: SignUpDto, client: ClientInfo): Promise<SessionDto> {
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async (manager) => {
      const user = manager.create(User, {
        name: input.name,
        email: input.email,
        mobile: input.mobile ?? null,
        locale: input.locale ?? this.config.defaultLocale,
        roles: [input.role],
        passwordHash,
      });
      try {
        await manager.save(user);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_user_account_email'))
          throw IdentityError.AUTH_EMAIL_TAKEN().onField('email');
        throw error;
      }
      await this.consents.acceptNotice({ type: 'user', id: user.id });
      if (input.organization)
        await this.organizations.createWithMember(user.id, input.organization);
      await this.outbox.add([
        {
          idempotencyKey: `welcome:${user.id}`,
          channel: 'email',
          template: 'welcome',
          locale: user.locale,
          recipient: user.email,
          data: {
            name: user.name,
            email: user.email,
            loginUrl: `${this.config.publicUrl}/sign-in`,
          },
        },
      ]);
      return this.openSession(user, client);
    });
  }

  /** A wrong password and an unknown e-mail get the same answer, in the same time. */
  async login(input: LoginDto, client: ClientInfo): Promise<SessionDto> {
    const { maxAttempts, windowSeconds } = this.config.login;
    const accountKey = `login:${client.ip}:${input.email}`;
    await this.rateLimiter.consume(accountKey, maxAttempts, windowSeconds);
    await this.rateLimiter.consume(`login:${client.ip}`, maxAttempts * 10, windowSeconds);

    const user = await this.withPasswordHash()
      .where('u.email = :email', { email: input.email })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !valid) throw IdentityError.AUTH_INVALID_CREDENTIALS();
    await this.rateLimiter.reset(accountKey);
    return this.tx.run(() => this.openSession(user, client));
  }

  async logout(user: AuthUser): Promise<void> {
    await this.tx.repository(Session).update({ id: user.sessionId }, { revokedAt: new Date() });
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(user: AuthUser, input: ChangePasswordDto): Promise<void> {
    const current = await this.withPasswordHash()
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
      throw IdentityError.AUTH_WRONG_PASSWORD().onField('currentPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.tx.run(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await manager
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :userId AND id <> :sessionId AND revoked_at IS NULL', {
          userId: user.id,
          sessionId: user.sessionId,
        })
        .execute();
    });
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.tx.repository(User).findOneByOrFail({ id: userId });
    return this.toMeDto(user);
  }

  /** For the global guard: a valid signature, an open session and an existing user. */
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
    const { id, name, email, locale, roles } = session.user;
    const inTeam = await this.access.inTeam(id);
    return { id, name, email, locale, roles, inTeam, sessionId: session.id };
  }

  /** Users as `u`, with the hash the entity leaves out by default. */
  private withPasswordHash(): SelectQueryBuilder<User> {
    return this.tx.repository(User).createQueryBuilder('u').addSelect('u.passwordHash');
  }

  private async openSession(user: User, client: ClientInfo): Promise<SessionDto> {
    const { manager } = this.tx;
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const session = await manager.save(
      manager.create(Session, {
        userId: user.id,
        expiresAt,
        revokedAt: null,
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const claims: TokenClaims = { sub: user.id, sid: session.id };
    const token = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
    return { token, expiresAt, user: await this.toMeDto(user) };
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
