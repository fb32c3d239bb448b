import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { batchItems } from 'src/common/batches';
import { processFaults } from 'src/common/process-faults';
import { withinDeadline } from 'src/common/timers';
import { QUEUE } from 'src/queue/queues';
import { countByStatus } from 'src/notifications/outbox-queries';

/** How long a scrape waits for Redis and PostgreSQL before it answers with what it has. */
const SOURCE_DEADLINE_MS = 400;

/** Prometheus metrics of this process; one registry per app, so tests can run several apps. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route' | 'status'>;
  private readonly queues: Queue[];
  private readonly sourceUp: Gauge<'source'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly outboxMessages: Gauge<'status'>;

  constructor(
    moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.registry.registerMetric(processFaults);
    this.registry.registerMetric(batchItems);
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.queues = Object.values(QUEUE).map((name) =>
      moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    this.sourceUp = new Gauge({
      name: 'metrics_source_up',
      help: 'Whether a source of these metrics answered the last scrape in time (1) or not (0)',
      labelNames: ['source'],
      registers,
    });
    this.queueJobs = new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.outboxMessages = new Gauge({
      name: 'outbox_messages',
      help: 'Outbox messages by status',
      labelNames: ['status'],
      registers,
    });
  }

  /**
   * The metrics as Prometheus reads them. Redis and PostgreSQL are asked at once, each within a
   * deadline: one that is away is reported down (`metrics_source_up`), so a scrape never hangs.
   */
  async scrape(): Promise<string> {
    const [jobs, outbox] = await Promise.all([
      withinDeadline(
        Promise.all(
          this.queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'failed')),
        ),
        SOURCE_DEADLINE_MS,
      ),
      withinDeadline(countByStatus(this.dataSource), SOURCE_DEADLINE_MS),
    ]);
    this.sourceUp.set({ source: 'redis' }, jobs ? 1 : 0);
    this.sourceUp.set({ source: 'database' }, outbox ? 1 : 0);
    this.queueJobs.reset();
    jobs?.forEach((counts, i) => {
      for (const [state, count] of Object.entries(counts))
        this.queueJobs.set({ queue: this.queues[i].name, state }, count);
    });
    this.outboxMessages.reset();
    for (const row of outbox ?? []) this.outboxMessages.set({ status: row.status }, row.count);
    return this.registry.metrics();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }
}
