import proxyAddress from '@fastify/proxy-addr';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { AUTHENTICATOR, AuthUser, Authenticator } from 'src/common/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { errorResponse } from 'src/common/errors/error-response';
import { pickLocale } from 'src/common/i18n';
import { fromAllowedOrigin } from 'src/common/origins';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { cookieOf, credentialsOf } from 'src/live/live-protocol';
import { LiveError } from 'src/live/live.errors';
import { VIEWER_COOKIE, guestViewer } from 'src/live/viewer-cookie';

/** What the gate learnt of a socket while upgrading it, for the gateway to use from then on. */
export interface SocketPass {
  /** The signed-in person, or undefined for a guest. */
  user: AuthUser | undefined;
  /** A guest's viewer id: from the server's signed cookie, or new (and sent back as the cookie). */
  guestId: string;
  /** Where the socket comes from, for the limits that count per address. */
  address: string;
  /** The cookie a new guest is given with the upgrade's answer. */
  setCookie?: string;
}

/** A refused upgrade: its HTTP status, a JSON body in the caller's language and its headers. */
export interface Refusal {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * Decides, during the HTTP upgrade and before any message is read, whether a signalling socket
 * opens: from one of our own origins (else 403), within the sockets one address may hold (else
 * 429), with a presented token that is valid (else 401) — the sign-in is checked here, once, so a
 * database that cannot answer refuses the upgrade (503) instead of failing later on the socket.
 * A guest gets the server's viewer id (a signed cookie) here too.
 */
@Injectable()
export class LiveSocketGate {
  private readonly logger = new Logger('Live');
  private readonly passes = new WeakMap<IncomingMessage, SocketPass>();
  private readonly openByAddress = new Map<string, number>();
  /** Whether a hop is one of our proxies (TRUST_PROXY), as the HTTP server decides it. */
  private readonly trusted: (address: string, hop: number) => boolean;

  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.trusted = proxyAddress.compile([...config.trustProxy]);
  }

  /** Checks an upgrade; `done` opens the socket or answers the refusal. Never rejects. */
  verify(request: IncomingMessage, done: (refusal?: Refusal) => void): void {
    this.check(request).then(
      (pass) => {
        this.passes.set(request, pass);
        done();
      },
      (error: unknown) => done(this.refusal(request, error)),
    );
  }

  /** The pass of an upgraded socket's request (set by `verify`). */
  passOf(request: IncomingMessage): SocketPass | undefined {
    return this.passes.get(request);
  }

  /** Sockets open from an address in this process (for the tests and the figures). */
  openFrom(address: string): number {
    return this.openByAddress.get(address) ?? 0;
  }

  private async check(request: IncomingMessage): Promise<SocketPass> {
    if (!fromAllowedOrigin(request.headers, this.config)) throw LiveError.LIVE_ORIGIN_REFUSED({});
    const address = proxyAddress(request, this.trusted);
    this.hold(request, address);
    const credentials = credentialsOf(request);
    const user = credentials ? await this.authenticate(credentials.token) : undefined;
    if (credentials?.presented && !user) throw LiveError.LIVE_TOKEN_INVALID({});
    if (user) return { user, guestId: '', address };
    const secure = this.config.publicUrl.startsWith('https:');
    const cookie = cookieOf(request, VIEWER_COOKIE);
    const { viewerId, setCookie } = guestViewer(this.config.jwtSecret, cookie, secure);
    return { user: undefined, guestId: viewerId, address, setCookie };
  }

  /** Counts the socket against its address until its TCP connection closes, whatever happens. */
  private hold(request: IncomingMessage, address: string): void {
    const open = this.openFrom(address);
    if (open >= this.config.live.connectionsPerAddress)
      throw LiveError.LIVE_TOO_MANY_CONNECTIONS({ limit: open, retryAfterSeconds: 10 });
    this.openByAddress.set(address, open + 1);
    request.socket.once('close', () => {
      const left = this.openFrom(address) - 1;
      if (left > 0) this.openByAddress.set(address, left);
      else this.openByAddress.delete(address);
    });
  }

  private async authenticate(token: string): Promise<AuthUser | undefined> {
    try {
      return await this.authenticator.authenticate(token);
    } catch (error) {
      this.logger.warn(`live socket refused, sign-in not checked: ${String(error)}`);
      throw LiveError.LIVE_BUSY({ retryAfterSeconds: 5 });
    }
  }

  private refusal(request: IncomingMessage, error: unknown): Refusal {
    const locale = pickLocale(request.headers['accept-language'], this.config.defaultLocale);
    const { status, body, unexpected } = errorResponse(error, locale, 'live-upgrade');
    if (unexpected) this.logger.error(`live socket refused: ${String(error)}`);
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    const retry = error instanceof DomainError ? error.details.retryAfterSeconds : undefined;
    if (typeof retry === 'number') headers['Retry-After'] = String(retry);
    return { status, body: JSON.stringify(body), headers };
  }
}
