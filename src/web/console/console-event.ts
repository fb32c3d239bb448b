import { IsUUID } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { EventDto } from 'src/events/dto/event.dto';
import { PageRenderer } from 'src/web/page-renderer';
import { hiddenSections } from 'src/web/console/event-sections';

/** What the console navigation needs of an event's pages: the pages its kind has no use for hidden. */
export function navOf(event: Pick<EventDto, 'id' | 'title' | 'kind'>): ConsoleNav {
  return { id: event.id, title: event.title, hides: hiddenSections(event.kind) };
}

/** An event in the console's navigation. */
export interface ConsoleNav {
  id: string;
  title: string;
  /** Its pages that do not fit its kind (see `hiddenSections`). */
  hides: string[];
}

/** `/console/events/:id/<things>/:itemId/...`: an event's page acting on one of its items. */
export class EventItemParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  itemId!: string;
}

/** A text of the reader's language, with `{{name}}` placeholders filled from `values`. */
export type Text = (key: string, values?: Record<string, string | number>) => string;

/** The texts of the language `request` is read in. */
export function textOf(pages: PageRenderer, request: FastifyRequest): Text {
  const context = pages.context(request);
  return (key, values) => pages.text(context, key, values);
}

/** What every page of one event in the console begins with: its title, its navigation and the event. */
export interface EventPageHead {
  title: string;
  /** The event's page the navigation marks as shown. */
  section: string;
  consoleEvent: ConsoleNav;
  event: EventDto;
}

/** The head of an event's console page at `section`, titled by the text `titleKey` naming the event. */
export function eventHead(
  event: EventDto,
  section: string,
  titleKey: string,
  text: Text,
): EventPageHead {
  const title = text(titleKey, { event: event.title });
  return { title, section, consoleEvent: navOf(event), event };
}
