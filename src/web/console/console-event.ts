import { IsUUID } from 'class-validator';
import { EventDto } from 'src/events/dto/event.dto';

/** What the console navigation needs of an event's pages. */
export function navOf(event: EventDto): { id: string; title: string } {
  return { id: event.id, title: event.title };
}

/** `/console/events/:id/<things>/:itemId/...`: an event's page acting on one of its items. */
export class EventItemParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  itemId!: string;
}
