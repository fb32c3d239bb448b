import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { WsAdapter } from '@nestjs/platform-ws';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { HttpAdapter } from 'src/common/prepared-response';
import { CommonError } from 'src/common/errors/common.errors';
import { MAX_BODY_DEPTH, nestsDeeperThan } from 'src/common/json-depth';
import { XLSX } from 'src/common/rows';
import { PinoNestLogger } from 'src/common/logger';
import { AppConfig } from 'src/config/config';
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
  app.useWebSocketAdapter(new WsAdapter(app));

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // Invitee lists arrive as CSV files of up to 10,000 lines.
  fastify.addContentTypeParser(
    XLSX,
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_, body, done) => done(null, body),
  );
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 },
    (_, body, done) => done(null, body),
  );
  // class-transformer and class-validator walk bodies recursively: refuse absurd nesting first.
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      throw CommonError.MALFORMED_REQUEST({
        reason: `nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
    }
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    request.log.info(
      {
        method: request.method,
        url: request.url,
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
