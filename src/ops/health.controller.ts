import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Public } from 'src/common/auth/decorators';
import { MediaPool } from 'src/live/media-pool';
import { Relays } from 'src/live/relay';
import { REDIS } from 'src/queue/queue.module';

/** Live streaming as health reports it: optional, so its absence never fails the check. */
interface LiveHealth {
  available: boolean;
  reason: string | null;
  workers: { id: string; consumers: number }[];
  relay: { available: boolean; reason: string | null };
}

@ApiTags('operations 运维')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly modules: ModuleRef,
  ) {}

  @ApiOperation({
    summary:
      '健康检查：数据库与 Redis（其一故障时 503），并报告直播是否可用 / Health of the database and Redis (503 when one is down), and whether live streaming is available',
  })
  @Public()
  @Get()
  async check(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthCheckResult & { live: LiveHealth }> {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.redisCheck(),
      ]);
      return { ...result, live: this.liveHealth() };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return { ...(error.getResponse() as HealthCheckResult), live: this.liveHealth() };
    }
  }

  private liveHealth(): LiveHealth {
    const pool = this.modules.get(MediaPool, { strict: false });
    const relays = this.modules.get(Relays, { strict: false });
    const reason = pool.unavailableReason();
    const relayReason = reason ?? relays.unavailableReason();
    return {
      available: reason === null,
      reason,
      workers: pool.load(),
      relay: { available: relayReason === null, reason: relayReason },
    };
  }

  private async redisCheck() {
    const session = this.indicators.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('timeout after 3000 ms')), 3000).unref(),
        ),
      ]);
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
