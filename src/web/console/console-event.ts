import { IsUUID } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { EventDto } from 'src/events/dto/event.dto';
import { PageRenderer } from 'src/web/page-renderer';

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
  consoleEvent: { id: string; title: string };
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
