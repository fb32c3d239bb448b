import { WsResponse } from '@nestjs/websockets';
import { IncomingMessage } from 'node:http';
import { RawData } from 'ws';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { LiveMessageDto } from 'src/live/dto/live.dto';

/**
 * The signalling's wire protocol, apart from what each message does: the messages a client may
 * send, the envelope check, replies carrying the request id, and where a connection's credentials
 * come from.
 */

/** The messages a client may send; anything else is answered with an error. */
export const MESSAGES = [
  'join',
  'createTransport',
  'connectTransport',
  'produce',
  'consume',
  'resume',
  'heartbeat',
  'leave',
  'ask',
  'moderate',
  'answer',
  'chat',
  'intent',
];

/** A reply to a request: its event and data, with the request's id echoed (null without one). */
export function reply(event: string, request: LiveMessageDto, data: object): WsResponse {
  return { event, data: { requestId: request.requestId ?? null, ...data } };
}

/** What is wrong with a raw message that Nest's adapter would drop silently, if anything. */
export interface EnvelopeProblem {
  reason: string;
  requestId: unknown;
}

/** Finds text that is not JSON or names an unknown message; undefined for a message Nest routes. */
export function envelopeProblem(raw: RawData): EnvelopeProblem | undefined {
  let message: unknown;
  try {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as Uint8Array);
    message = JSON.parse(bytes.toString('utf8'));
  } catch {
    message = undefined;
  }
  const event = (message as { event?: unknown } | undefined)?.event;
  if (typeof event === 'string' && MESSAGES.includes(event)) return undefined;
  const requestId = (message as { data?: { requestId?: unknown } } | undefined)?.data?.requestId;
  const reason =
    message === undefined ? 'not JSON' : `unknown event; one of ${MESSAGES.join(', ')}`;
  return { reason, requestId };
}

/** A connection's credentials: a bearer token it presents (header or `?token=`), else the session cookie. */
export interface Credentials {
  token: string;
  /** A bearer token is presented on purpose (refused when invalid); a cookie merely comes along. */
  presented: boolean;
}

export function credentialsOf(request: IncomingMessage): Credentials | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    return token ? { token, presented: true } : undefined;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const query = url.searchParams.get('token');
  if (query) return { token: query, presented: true };
  const cookie = cookieOf(request, SESSION_COOKIE);
  return cookie ? { token: cookie, presented: false } : undefined;
}

/** The bearer token (header or `?token=`), else the session cookie. */
export function tokenOf(request: IncomingMessage): string | undefined {
  return credentialsOf(request)?.token;
}

/** One cookie of the request, decoded; undefined when absent or empty. */
export function cookieOf(request: IncomingMessage, name: string): string | undefined {
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name);
  if (!cookie?.[1]) return undefined;
  try {
    return decodeURIComponent(cookie[1]);
  } catch {
    return undefined; // not percent-encoded as a cookie value should be: as if absent
  }
}
