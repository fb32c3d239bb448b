import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/** An upgrade the server refused: its status, headers and coded body. */
export interface RefusedUpgrade {
  status: number;
  headers: IncomingMessage['headers'];
  body: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** Opens a socket to the app's gateway; resolves with it, or with the refusal of the upgrade. */
export async function openSocket(
  app: NestFastifyApplication,
  query = '',
  headers: Record<string, string> = {},
): Promise<OpenedSocket> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return openSocketAt(port, query, headers);
}

export type OpenedSocket = { socket: WebSocket; setCookie?: string } | { refused: RefusedUpgrade };

/** Opens a socket to the gateway of the API listening on `port` (in this process or another). */
export async function openSocketAt(
  port: number,
  query = '',
  headers: Record<string, string> = {},
): Promise<OpenedSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live/ws?${query}`, {
    headers: { 'accept-language': 'zh-CN', ...headers },
  });
  let setCookie: string | undefined;
  socket.once('upgrade', (response) => (setCookie = response.headers['set-cookie']?.[0]));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, setCookie }));
    socket.once('unexpected-response', (_, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        const body = (text.startsWith('{') ? JSON.parse(text) : {}) as RefusedUpgrade['body'];
        resolve({ refused: { status: response.statusCode ?? 0, headers: response.headers, body } });
      });
    });
    socket.once('error', reject);
  });
}

export interface LiveMessage {
  event: string;
  data: Record<string, unknown> & { requestId?: string | null; code?: string };
}

/** A signalling client, as a browser page would be: requests with ids, and the news it is sent. */
export class LiveClient {
  private readonly received: LiveMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;

  /** The cookie the server set with the upgrade (a new guest's viewer id), if it set one. */
  setCookie?: string;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => {
      this.received.push(JSON.parse(raw.toString()) as LiveMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** A client on a socket opened elsewhere (e.g. with a cookie header). */
  static wrap(socket: WebSocket): LiveClient {
    return new LiveClient(socket);
  }

  /** Connects to the app's gateway (the app must listen), signed in with `token` if given. */
  static async connect(
    app: NestFastifyApplication,
    token?: string,
    query = '',
    headers: Record<string, string> = {},
  ): Promise<LiveClient> {
    const params = new URLSearchParams(query);
    if (token) params.set('token', token);
    const opened = await openSocket(app, params.toString(), headers);
    if ('refused' in opened)
      throw new Error(`upgrade refused: ${opened.refused.status} ${opened.refused.body.code}`);
    const client = new LiveClient(opened.socket);
    client.setCookie = opened.setCookie;
    return client;
  }

  /** The cookie header that sends back what the server set (a guest's viewer id). */
  cookie(): string {
    return this.setCookie?.split(';')[0] ?? '';
  }

  /** Sends a request and waits for its reply (or its error, which is returned, not thrown). */
  async request(event: string, data: Record<string, unknown> = {}): Promise<LiveMessage> {
    const requestId = String(this.nextId++);
    this.socket.send(JSON.stringify({ event, data: { ...data, requestId } }));
    return this.next((m) => m.data?.requestId === requestId, `reply to ${event}`);
  }

  /** Like `request`, but fails unless the reply is not an error. */
  async ok(event: string, data: Record<string, unknown> = {}): Promise<LiveMessage['data']> {
    const reply = await this.request(event, data);
    if (reply.event === 'error') throw new Error(`${event} failed: ${JSON.stringify(reply.data)}`);
    return reply.data;
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The first message (already received or coming) that matches, taken off the list. */
  async next(
    match: (m: LiveMessage) => boolean,
    what: string,
    timeoutMs = 5000,
  ): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(match);
      if (index >= 0) return this.received.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** The next pushed message of this event. */
  news(event: string): Promise<LiveMessage> {
    return this.next((m) => m.event === event && m.data?.requestId === undefined, event);
  }

  /** Whether a pushed message of this event has arrived (without waiting). */
  heard(event: string): boolean {
    return this.received.some((m) => m.event === event);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closed;
  }
}
