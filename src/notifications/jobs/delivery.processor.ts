import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DeliveryService } from 'src/notifications/delivery.service';
import { QueueProcessor } from 'src/queue/queue-processor';
import { JobPayloads, QUEUE } from 'src/queue/queues';

@Injectable()
export class DeliveryProcessor extends QueueProcessor {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly delivery: DeliveryService,
  ) {
    super(QUEUE.delivery, config);
  }

  protected async process(job: Job<JobPayloads['deliver']>): Promise<void> {
    await this.delivery.deliver(job.data.messageId);
  }
}
