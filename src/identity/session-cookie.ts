import { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { AppConfig, servesSecurely } from 'src/config/config';
import { ClientInfo } from 'src/identity/sessions.service';
import { SessionDto } from 'src/identity/dto/auth.dto';

/** Where a sign-in comes from, for the rate limit and the session's record. */
export function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The HttpOnly cookie that carries a session for pages (and for the API, as an alternative). */
export function setSessionCookie(
  reply: FastifyReply,
  session: SessionDto,
  config: AppConfig,
): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: servesSecurely(config),
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
