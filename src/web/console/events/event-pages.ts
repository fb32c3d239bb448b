import { Right } from 'src/access/rights';
import { applyDecorators, Controller, Get, Param, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventAccess } from 'src/events/event-access';
import { UserQueryDto } from 'src/identity/dto/user.dto';
import { UsersService } from 'src/identity/users.service';
import { hiddenSections } from 'src/web/console/event-sections';
import { Attempt, Form, RefusedForms as RefusedFormsOf, refusedOn } from 'src/web/forms';
import { PageAnswer, PageView, Redirect, seeOther, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';

/**
 * What the pages of one event's console share (check-in, agenda, roadshows, docking, matching):
 * the event in their navigation, the page opened at its address with its notice, and a form that
 * goes back to its page with a notice or shows the page again with its refusal.
 */

/** The event's pages of this kind, each at `/console/events/:id/<section>`. */
export type EventSection = 'check-in' | 'agenda' | 'roadshows' | 'docking' | 'matching';

/** The event an event's page is about, for the console navigation and the page's forms. */
export interface ConsoleEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  kind: string;
  /** Its pages that do not fit its kind, left out of the navigation. */
  hides?: string[];
}

/** An expert an organizer may name (a presenter, a reviewer). */
export interface Expert {
  id: string;
  name: string;
}

/** The page's refused form by its name (at most one; see refusedOn). */
export type RefusedForms = Partial<RefusedFormsOf['refused']>;

/** What an event's page shows besides its own data: the notice after a change, or a refused form. */
export interface EventPageState {
  done?: string;
  refused?: RefusedForms;
  /** The status to answer with (a refusal's). */
  status?: number;
}

/** The form a handler ran, as its page shows it when refused: its name, what was typed, and any other state of the page. */
export interface ShownForm<S extends EventPageState> {
  name: string;
  typed?: Form;
  state?: Omit<S, keyof EventPageState>;
}

/** A controller of an event's pages at `/console/events/:id/<section>`, for the event's organizers. */
export function EventPagesController(section: EventSection): ClassDecorator {
  return applyDecorators(
    PageController(),
    Roles('organizer'),
    Controller(`console/events/:id/${section}`),
  );
}

/** The event, for its organizers only (anyone else: 403, or 404 if they may not know it). */
async function consoleEventOf(
  access: EventAccess,
  user: AuthUser,
  eventId: string,
  right: Right,
): Promise<ConsoleEvent> {
  const { id, title, startsAt, endsAt, kind } = await access.eventFor(user, eventId, right);
  return { id, title, startsAt, endsAt, kind, hides: hiddenSections(kind) };
}

/** The experts an organizer may name as presenters or reviewers (as `GET /api/users?role=expert`). */
export async function expertsOf(users: UsersService, user: AuthUser): Promise<Expert[]> {
  const query = Object.assign(new UserQueryDto(), { role: 'expert', limit: 100 });
  const page = await users.list(user, query);
  return page.items.map(({ id, name }) => ({ id, name }));
}

/** Where an event's page is, and what draws it. */
export interface EventPageSpec {
  section: EventSection;
  /** `templates/pages/<template>.hbs` */
  template: string;
  /** The text key of its title (the page's data may give a `title` of its own). */
  titleKey: string;
  /** The right over the event the page needs (`manage` unless it says; check-in: `admit`). */
  right?: Right;
}

/**
 * The pages of one section of an event's console: the page at its address (`GET`) with the
 * event's navigation, and what its forms come to. A controller extends this with the page's own
 * data and its forms' handlers.
 */
export abstract class EventPages<S extends EventPageState = EventPageState> {
  protected abstract readonly spec: EventPageSpec;
  protected abstract readonly access: EventAccess;

  /** What the page's address asks it to show (`?done=` and the like). */
  protected abstract stateOf(query: Form): S;

  /** The page's own data, showing `state`; `event` is the reader's to organize. */
  protected abstract data(
    request: FastifyRequest,
    user: AuthUser,
    event: ConsoleEvent,
    state: S,
  ): Promise<object>;

  @Get()
  open(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: Form,
  ): Promise<PageView> {
    return this.page(request, user, params.id, this.stateOf(query ?? {}));
  }

  /** The page, with its notice or refused form, for the event's organizers only. */
  protected async page(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    state: S,
  ): Promise<PageView> {
    const consoleEvent = await consoleEventOf(
      this.access,
      user,
      eventId,
      this.spec.right ?? 'manage',
    );
    const data = await this.data(request, user, consoleEvent, state);
    const { template, titleKey } = this.spec;
    const { done, refused, status } = state;
    // A title may name the event (`{{event}}`).
    const titleValues = { event: consoleEvent.title };
    return view(
      template,
      { consoleEvent, ...data, done, refused },
      { status, titleKey, titleValues },
    );
  }

  /** Post/Redirect/Get: back to the page with the notice `done` (and any other query values). */
  protected back(
    eventId: string,
    done: string,
    more?: Record<string, string | undefined>,
  ): Redirect {
    return seeOther(`/console/events/${eventId}/${this.spec.section}`, done, more);
  }

  /**
   * What a form (or a button) came to: once it went through, back to the page with the notice
   * `done` (or where `done` says for its value); refused, the page again with the refusal
   * beside that form, what was typed kept.
   */
  protected async after<T>(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    { refused, value }: Attempt<T>,
    form: ShownForm<S>,
    done: string | ((value: T) => Redirect),
  ): Promise<PageAnswer> {
    if (!refused) return typeof done === 'string' ? this.back(eventId, done) : done(value);
    const shown: RefusedForms = refusedOn(form.name, form.typed ?? {}, refused).refused;
    const state = { ...form.state, refused: shown, status: refused.status } as S;
    return this.page(request, user, eventId, state);
  }
}
