import { Module } from '@nestjs/common';
import { RateLimiter } from 'src/common/rate-limiter';
import { ThreadCalls } from 'src/common/thread-calls';
import { ImportRunner } from 'src/imports/import-runner';
import { Imports } from 'src/imports/imports';
import { ImportsController } from 'src/imports/imports.controller';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Spreadsheet imports as jobs: staging in the API, batches written by the worker, progress read back. */
@Module({
  imports: [NotificationsModule],
  controllers: [ImportsController],
  providers: [
    Imports,
    ImportRunner,
    RateLimiter,
    // Its constructor takes the number of threads; the default suits this process.
    { provide: ThreadCalls, useFactory: () => new ThreadCalls() },
  ],
  exports: [Imports],
})
export class ImportsModule {}
