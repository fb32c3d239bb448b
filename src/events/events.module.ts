import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { EventAccess } from 'src/events/event-access';
import { EventsController } from 'src/events/events.controller';
import { SeatLedger } from 'src/events/seat-ledger';
import { EventsService } from 'src/events/events.service';

@Module({
  imports: [AuditModule],
  controllers: [EventsController],
  providers: [EventsService, EventAccess, SeatLedger],
  exports: [EventsService, EventAccess, SeatLedger],
})
export class EventsModule {}
