import { Module } from '@nestjs/common';
import { EventAccess } from 'src/events/event-access';
import { EventChanges } from 'src/events/event-changes';
import { EventsController } from 'src/events/events.controller';
import { SeatLedger } from 'src/events/seat-ledger';
import { EventsService } from 'src/events/events.service';

@Module({
  controllers: [EventsController],
  providers: [EventsService, EventAccess, SeatLedger, EventChanges],
  exports: [EventsService, EventAccess, SeatLedger, EventChanges],
})
export class EventsModule {}
