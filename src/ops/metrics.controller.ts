import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from 'src/common/auth/decorators';
import { CommonError } from 'src/common/errors/common.errors';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { MetricsService } from 'src/ops/metrics.service';

@ApiTags('operations 运维')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({
    summary:
      'Prometheus 指标（需 METRICS_TOKEN 作为 Bearer 令牌；生产环境未设置时关闭）/ Prometheus metrics: requests, latencies, queue depths (the bearer token METRICS_TOKEN; off in production without one)',
  })
  @ApiBearerAuth()
  @Public()
  @Get()
  @Header('cache-control', 'no-store')
  async scrape(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.admit(request.headers.authorization);
    reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.scrape();
  }

  /** The scraper shows METRICS_TOKEN; without one configured, only outside production. */
  private admit(authorization: string | undefined): void {
    const token = this.config.metricsToken;
    if (token === null) {
      if (this.config.env === 'production') throw CommonError.NOT_FOUND();
      return;
    }
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) throw CommonError.AUTH_REQUIRED();
  }
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
