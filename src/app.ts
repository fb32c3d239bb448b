import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FastifyRequest, LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { HttpAdapter } from 'src/common/prepared-response';
import { CommonError } from 'src/common/errors/common.errors';
import { newPreSession, PRE_SESSION_COOKIE } from 'src/common/csrf';
import { redactedUrl } from 'src/common/log-redaction';
import { API_DOCS_POLICY, securityHeaders } from 'src/common/security-headers';
import { MAX_BODY_DEPTH, nestsDeeperThan } from 'src/common/json-depth';
import { XLSX } from 'src/common/rows';
import { uploadBody } from 'src/imports/upload-body';
import { PinoNestLogger } from 'src/common/logger';
import { AppConfig, servesSecurely } from 'src/config/config';
import { LiveSocketAdapter } from 'src/live/live-socket-adapter';
import { ApiParts, AppModule } from 'src/app.module';
import { MetricsService } from 'src/ops/metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The API application, configured exactly as it serves: used by `main.ts` and by the tests. */
export async function createApiApp(
  config: AppConfig,
  logger: Logger,
  parts: ApiParts = {},
): Promise<NestFastifyApplication> {
  const adapter = new HttpAdapter({
    loggerInstance: logger,
    // One log line per request, written in onResponse below with its status and duration.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    requestIdHeader: false, // genReqId reads it, and only accepts a safe one
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // request.ip is the client's own address only when it came through a proxy we trust.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    // A client may not hold a connection by sending slowly or not at all.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, parts),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      bufferLogs: false,
    },
  );
  await app.register(fastifyCookie);
  app.useWebSocketAdapter(new LiveSocketAdapter(app, config));

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // Spreadsheets (results, needs, invitee lists) arrive as bytes, up to IMPORT_MAX_BYTES: CSV may
  // be UTF-8 or GBK, which the import reads from the bytes.
  for (const type of ['text/csv', XLSX]) {
    fastify.addContentTypeParser(type, (request: FastifyRequest, payload: IncomingMessage) =>
      uploadBody(payload, request.headers['content-length'], config.imports.maxBytes),
    );
  }
  // class-transformer and class-validator walk bodies recursively: refuse absurd nesting first.
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      throw CommonError.MALFORMED_REQUEST({
        reason: `nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
    }
  });
  // A reader who is not signed in gets a pre-session cookie with the first page they open, which
  // the forms' tokens (sign-in and sign-up included) are bound to until they sign in.
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !opensPage(request.url)) return;
    if (request.cookies[SESSION_COOKIE] || request.cookies[PRE_SESSION_COOKIE]) return;
    const value = newPreSession();
    request.cookies[PRE_SESSION_COOKIE] = value;
    void reply.setCookie(PRE_SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: servesSecurely(config),
    });
  });
  const headers = securityHeaders(config);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.headers(headers);
    if (request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', API_DOCS_POLICY);
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    metrics.observeRequest(
      request.method,
      route ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    // The route, and the address with its link tokens redacted: a log reader cannot use them.
    request.log.info(
      {
        method: request.method,
        route: route ?? 'unmatched',
        url: redactedUrl(request.url, route),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs.json',
  });
  await app.init();
  return app;
}

/** Pages are everything but the API, the assets and the operations' endpoints. */
function opensPage(url: string): boolean {
  return !/^\/(api|assets|health|metrics)(\/|\?|$)/.test(url);
}

export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('duijie 对接平台 API')
    .setDescription(
      '校企技术转移对接活动平台：邀请、报名、路演、直播、签约、跟踪与统计。\n\n' +
        'The platform for university–enterprise technology-transfer matchmaking events. ' +
        'Errors are `{ code, message, details }`; send `Accept-Language: en` for English messages.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  return withErrorResponses(SwaggerModule.createDocument(app, options));
}

/** Every operation may answer with the one error shape; the document says so once. */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Error = {
    type: 'object',
    required: ['code', 'message', 'details'],
    properties: {
      code: { type: 'string', example: 'VALIDATION_FAILED' },
      message: {
        type: 'string',
        description: '按 Accept-Language（zh-CN 或 en）/ in the language of Accept-Language',
      },
      details: {
        type: 'object',
        description: 'fields: [{ field, rule, message }] for validation errors; other keys by code',
      },
    },
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      operation.responses.default ??= {
        description: '错误 / error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return document;
}
