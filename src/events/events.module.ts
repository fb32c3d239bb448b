import { Module } from '@nestjs/common';
import { EventsController } from 'src/events/events.controller';
import { EventsService } from 'src/events/events.service';

@Module({
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
