import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { CoHosts } from 'src/events/co-hosts';
import { CoHostsController } from 'src/events/co-hosts.controller';
import { EventAccess } from 'src/events/event-access';
import { EventsController } from 'src/events/events.controller';
import { SeatLedger } from 'src/events/seat-ledger';
import { EventsService } from 'src/events/events.service';

@Module({
  imports: [AuditModule],
  controllers: [EventsController, CoHostsController],
  providers: [EventsService, EventAccess, SeatLedger, CoHosts],
  exports: [EventsService, EventAccess, SeatLedger, CoHosts],
})
export class EventsModule {}
