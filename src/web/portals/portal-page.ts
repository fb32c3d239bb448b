import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { EventsService } from 'src/events/events.service';
import { readForm, Refusal, submitForm } from 'src/web/forms';
import { PageRenderer } from 'src/web/page-renderer';

/** What a portal's change (`?done=`) may announce; anything else announces nothing. */
const DONE = [
  'created',
  'saved',
  'published',
  'unpublished',
  'imported',
  'submitted',
  'withdrawn',
  'accepted',
  'declined',
  'booked',
  'cancelled',
] as const;

/** The notice's text key after a change, or undefined. */
export function doneKey(done: unknown): string | undefined {
  return (DONE as readonly unknown[]).includes(done) ? `portals.done.${String(done)}` : undefined;
}

/** Post/Redirect/Get: after a change, the page that shows it, with its notice. */
export function seeOther(reply: FastifyReply, path: string, done: (typeof DONE)[number]): void {
  const separator = path.includes('?') ? '&' : '?';
  void reply.redirect(`${path}${separator}done=${done}`, 303);
}

/**
 * Runs a form's action with the API's DTO: the refusal to show beside the fields (the input kept), or
 * undefined once the action went through.
 */
export async function portalForm<T extends object>(
  pages: PageRenderer,
  request: FastifyRequest,
  dto: new () => T,
  input: unknown,
  action: (value: T) => Promise<void>,
): Promise<Refusal | undefined> {
  const context = pages.context(request);
  return submitForm(context.locale, pages.text(context, 'portals.refused'), async () => {
    const form = await readForm(dto, input);
    if (!form.value) return form.problems;
    await action(form.value);
    return [];
  });
}

/** Runs an action without a form (a button); its refusal, if any, as a page shows it. */
export function portalAction(
  pages: PageRenderer,
  request: FastifyRequest,
  action: () => Promise<unknown>,
): Promise<Refusal | undefined> {
  const context = pages.context(request);
  return submitForm(context.locale, pages.text(context, 'portals.refused'), async () => {
    await action();
    return [];
  });
}

/** Titles of the events by id, as the user may see them (an event they may no longer see: no title). */
export async function eventTitles(
  events: EventsService,
  user: AuthUser,
  ids: Iterable<string | null>,
): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  for (const id of new Set(ids)) {
    if (!id) continue;
    const event = await events.get(user, id).catch(() => undefined);
    if (event) titles[id] = event.title;
  }
  return titles;
}

/** Deals with their contract value in 万元, as the portals show it. */
export function inWan<T extends { contractValueFen: number }>(
  deals: T[],
): (T & { valueWan: number })[] {
  return deals.map((d) => ({ ...d, valueWan: d.contractValueFen / 1_000_000 }));
}
