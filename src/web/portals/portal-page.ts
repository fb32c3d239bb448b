import { FastifyReply, FastifyRequest } from 'fastify';
import { ImportResultDto } from 'src/catalog/dto/import-report.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { FieldProblem } from 'src/common/errors/domain-error';
import { DealsService } from 'src/deals/deals.service';
import { MeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { doneOf, readForm, redirectDone, Refusal, submitForm } from 'src/web/forms';
import { PageRenderer } from 'src/web/page-renderer';
import { Form, uploadedSheet } from 'src/web/portals/portal-forms';

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
  const known = doneOf(done, DONE);
  return known && `portals.done.${known}`;
}

/** Post/Redirect/Get: after a change, the page that shows it, with its notice. */
export function seeOther(reply: FastifyReply, path: string, done: (typeof DONE)[number]): void {
  redirectDone(reply, path, done);
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
function inWan<T extends { contractValueFen: number }>(deals: T[]): (T & { valueWan: number })[] {
  return deals.map((d) => ({ ...d, valueWan: d.contractValueFen / 1_000_000 }));
}

/** The portals, each at its own path with its own pages. */
export type Portal = 'expert' | 'enterprise';

/**
 * The pages of one portal: `templates/pages/portals/<portal>-<page>.hbs`, titled by the text
 * `portals.<portal>.<page>.title`, with the navigation's `section` marked. What both portals do
 * alike (import one's list, publish an entry, show one's deals) is here once.
 */
export class PortalPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly portal: Portal,
  ) {}

  send(
    reply: FastifyReply,
    request: FastifyRequest,
    page: string,
    section: string,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const context = this.pages.context(request);
    const title = this.pages.text(context, `portals.${this.portal}.${page}.title`);
    const template = `portals/${this.portal}-${page}`;
    this.pages.send(reply, request, template, { title, section, ...data }, status);
  }

  /**
   * Runs a form's action with the API's DTO: the refusal to show beside the fields (the input kept),
   * or undefined once the action went through.
   */
  form<T extends object>(
    request: FastifyRequest,
    dto: new () => T,
    input: unknown,
    action: (value: T) => Promise<void>,
  ): Promise<Refusal | undefined> {
    return this.submit(request, async () => {
      const form = await readForm(dto, input);
      if (!form.value) return form.problems;
      await action(form.value);
      return [];
    });
  }

  /** Runs an action without a form (a button); its refusal, if any, as a page shows it. */
  action(request: FastifyRequest, action: () => Promise<unknown>): Promise<Refusal | undefined> {
    return this.submit(request, async () => {
      await action();
      return [];
    });
  }

  /** The import page of one's list (`section`), with the report of an import or its refusal. */
  importForm(
    reply: FastifyReply,
    request: FastifyRequest,
    section: string,
    data: Record<string, unknown> = {},
    status = 200,
  ): void {
    this.send(reply, request, 'import', section, { scripts: ['portal-import'], ...data }, status);
  }

  /** Imports the spreadsheet posted and shows its report (or why it was refused) on the import page. */
  async importSheet(
    reply: FastifyReply,
    request: FastifyRequest,
    section: string,
    body: unknown,
    importer: (sheet: string | Buffer) => Promise<ImportResultDto>,
  ): Promise<void> {
    let report: ImportResultDto | undefined;
    const refused = await this.action(request, async () => {
      report = await importer(uploadedSheet(body));
    });
    this.importForm(reply, request, section, { report, ...refused }, refused?.status);
  }

  /** Publishes or unpublishes one's entry (the button posts `published=true|false`), then its list. */
  async publish(
    reply: FastifyReply,
    list: string,
    body: Form,
    update: (published: boolean) => Promise<unknown>,
  ): Promise<void> {
    const published = body?.published === 'true';
    await update(published);
    seeOther(reply, list, published ? 'published' : 'unpublished');
  }

  /** One's intents and deals (the contract values in 万元). */
  async dealsPage(
    reply: FastifyReply,
    request: FastifyRequest,
    deals: DealsService,
  ): Promise<void> {
    const { intents, deals: signed } = await deals.mine(request.user!);
    this.send(reply, request, 'deals', 'deals', { intents, deals: inWan(signed) });
  }

  private submit(
    request: FastifyRequest,
    action: () => Promise<FieldProblem[]>,
  ): Promise<Refusal | undefined> {
    const context = this.pages.context(request);
    return submitForm(context.locale, this.pages.text(context, 'portals.refused'), action);
  }
}

/** One's docking meetings as the portals list them: with the event's title and the other side. */
export async function meetingRows(
  events: EventsService,
  user: AuthUser,
  meetings: MeetingDto[],
): Promise<(MeetingDto & { eventTitle: string; other: MeetingDto['requester'] })[]> {
  const titles = await eventTitles(
    events,
    user,
    meetings.map((m) => m.eventId),
  );
  return meetings.map((m) => ({
    ...m,
    eventTitle: titles[m.eventId] ?? '',
    other: m.requester.userId === user.id ? m.counterpart : m.requester,
  }));
}
