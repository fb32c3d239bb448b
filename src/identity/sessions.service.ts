import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull, MoreThan } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { SessionInfoDto } from 'src/identity/dto/auth.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Session } from 'src/identity/session.entity';

/** Where a sign-in comes from; kept on the session. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

/** Claims of a session's token: the user and the session it names. */
export interface TokenClaims {
  sub: string;
  sid: string;
}

/** Signed-in devices: opened at sign-in, listed and ended by their person, all ended at once. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
  ) {}

  /** A new session for the user, in the caller's transaction: its token and when it expires. */
  async open(userId: string, client: ClientInfo): Promise<{ token: string; expiresAt: Date }> {
    const { manager } = this.tx;
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const session = await manager.save(
      manager.create(Session, {
        userId,
        expiresAt,
        revokedAt: null,
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const claims: TokenClaims = { sub: userId, sid: session.id };
    const token = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
    return { token, expiresAt };
  }

  /** The caller's open sessions, newest first, the current one marked. */
  async mine(user: AuthUser): Promise<SessionInfoDto[]> {
    const sessions = await this.tx.repository(Session).find({
      where: { userId: user.id, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
    return sessions.map(({ id, createdAt, expiresAt, ip, userAgent }) => ({
      id,
      createdAt,
      expiresAt,
      ip,
      userAgent,
      current: id === user.sessionId,
    }));
  }

  /** Ends one of the caller's sessions; another person's is not found. */
  async end(user: AuthUser, id: string): Promise<void> {
    const result = await this.tx
      .repository(Session)
      .update({ id, userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw IdentityError.SESSION_NOT_FOUND();
  }

  /** Ends every open session of the user but `except` (none when not given). */
  async endAll(userId: string, except?: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .andWhere(except ? 'id <> :except' : 'true', { except })
      .execute();
  }
}
