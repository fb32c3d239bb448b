import { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { IncomingMessage } from 'node:http';
import { Server, ServerOptions, VerifyClientCallbackAsync } from 'ws';
import { AppConfig } from 'src/config/config';
import { LiveSocketGate } from 'src/live/live-socket-gate';

/**
 * Nest's `ws` adapter with the live socket's limits set where `ws` applies them: `maxPayload` (a
 * longer frame closes the socket from its header, before its bytes are read or parsed), no
 * compression (a small compressed frame could expand past the limit), and `LiveSocketGate` deciding
 * during the upgrade who may open a socket, its cookie added to the upgrade's answer.
 */
export class LiveSocketAdapter extends WsAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): Server {
    const gate = this.app.get(LiveSocketGate);
    const verifyClient: VerifyClientCallbackAsync<IncomingMessage> = ({ req }, done) =>
      gate.verify(req, (refusal) =>
        refusal ? done(false, refusal.status, refusal.body, refusal.headers) : done(true),
      );
    const limits: ServerOptions = {
      maxPayload: this.config.live.maxMessageBytes,
      perMessageDeflate: false,
      verifyClient,
    };
    const server = super.create(port, { ...options, ...limits }) as Server;
    server.on('headers', (headers: string[], request: IncomingMessage) => {
      const cookie = gate.passOf(request)?.setCookie;
      if (cookie) headers.push(`Set-Cookie: ${cookie}`);
    });
    return server;
  }
}
