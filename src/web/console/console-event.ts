import { IsUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { EventDto } from 'src/events/dto/event.dto';
import { EventAccess } from 'src/events/event-access';
import { EventsService } from 'src/events/events.service';

/** The event an organizer's console page is about: theirs to manage, else 404 or 403. */
@Injectable()
export class ConsoleEvents {
  constructor(
    private readonly access: EventAccess,
    private readonly events: EventsService,
  ) {}

  async managed(user: AuthUser, id: string): Promise<EventDto> {
    await this.access.managedEvent(user, id);
    return this.events.get(user, id);
  }
}

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
