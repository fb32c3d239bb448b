import { Module } from '@nestjs/common';
import { CalendarController } from 'src/calendar/calendar.controller';
import { CalendarService } from 'src/calendar/calendar.service';
import { EventsModule } from 'src/events/events.module';

@Module({
  imports: [EventsModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
