import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { AppConfig, LOCALES } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EVENT_KINDS } from 'src/events/event-kinds';
import { EventsService } from 'src/events/events.service';
import { AuthService } from 'src/identity/auth.service';
import { LoginDto } from 'src/identity/dto/auth.dto';
import { RegistrationLinkRequestDto } from 'src/registrations/dto/registration.dto';
import { RegistrationLinks } from 'src/registrations/registration-links';
import { clearSessionCookie, clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, redirect, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import { noticeBlocks } from 'src/web/public/privacy.page';
import { PRIVACY_NOTICE_VERSION, privacyNotice } from 'src/privacy/privacy-notice';
import {
  activityFilters,
  agendaDays,
  eventCards,
  found,
  publishedAgenda,
} from 'src/web/public/public.page';
import { LANGUAGE_COOKIE, safeNext } from 'src/web/web-request';

/**
 * Public pages and signing in: thin handlers over the services the API uses. Signing in and out
 * and the language switch set a cookie, so they take the reply for that (and only that).
 */
@PageController()
@Public()
@Controller()
export class PublicPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly auth: AuthService,
    private readonly links: RegistrationLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async home(@OptionalUser() user: AuthUser | undefined): Promise<PageAnswer> {
    const now = new Date();
    const upcoming = await this.events.list(user, { from: now, limit: 6, offset: 0 });
    const seats = await this.events.seatsLeft(upcoming.items);
    return view('home', { events: eventCards(upcoming.items, seats, now) });
  }

  @Get('activities')
  async activities(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: Record<string, string>,
  ): Promise<PageAnswer> {
    const { locale, timeZone } = this.pages.context(request);
    // The latest 100 (the coming ones among them), shown coming first, then those that are over.
    const input = { limit: 100, ...activityFilters(query, timeZone), order: 'desc' };
    const { items, total, problems } = await found(EventQueryDto, input, locale, (value) =>
      this.events.list(user, value),
    );
    const events = eventCards(items, await this.events.seatsLeft(items), new Date());
    const series = await this.events.listSeries(user, { limit: 100, offset: 0 });
    const page = { kinds: EVENT_KINDS, series, query, problems, events, total };
    return view('activities', page, { titleKey: 'activities.title' });
  }

  @Get('activities/:id')
  activity(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @OptionalUser() user: AuthUser | undefined,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.activityPage(request, user, params.id, { linkSent: done === 'link-sent' });
  }

  /**
   * "Send my registration's link again": the same answer whether or not anyone registered with
   * the address typed (only the limits' 429 and a malformed field are told).
   */
  @Post('activities/:id/registration-link')
  async registrationLink(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @OptionalUser() user: AuthUser | undefined,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: RegistrationLinkRequestDto, input: { contact: body?.contact } };
    const { refused } = await this.forms.submit(request, form, ({ contact }) =>
      this.links.sendAgain(user, params.id, contact, request.ip),
    );
    if (!refused) return seeOther(`/activities/${params.id}`, 'link-sent');
    return this.activityPage(request, user, params.id, { contact: body?.contact }, refused);
  }

  private async activityPage(
    request: FastifyRequest,
    user: AuthUser | undefined,
    id: string,
    linkForm: { linkSent?: boolean; contact?: unknown },
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const event = await this.events.get(user, id);
    const { timeZone } = this.pages.context(request);
    const agenda = agendaDays(
      await publishedAgenda(this.agenda.publishedAgenda(user, id)),
      timeZone,
    );
    const page = { title: event.title, event, agenda, ...linkForm };
    return formPage('activity', {}, page, refused);
  }

  /** The privacy notice in force, in the reader's language (linked from every consent checkbox). */
  @Get('privacy')
  privacy(@Req() request: FastifyRequest): PageAnswer {
    const { locale } = this.pages.context(request);
    const blocks = noticeBlocks(privacyNotice(locale));
    return view(
      'privacy',
      { blocks, version: PRIVACY_NOTICE_VERSION },
      { titleKey: 'privacy.title' },
    );
  }

  @Get('sign-in')
  signInPage(@Query('next') next: unknown): PageAnswer {
    return formPage('sign-in', { titleKey: 'signIn.title' }, { next: safeNext(next) });
  }

  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const next = safeNext(body?.next);
    const form = { dto: LoginDto, input: body, refusedKey: 'signIn.refused' };
    const { refused } = await this.forms.submit(request, form, async (login) =>
      setSessionCookie(reply, await this.auth.login(login, clientOf(request)), this.config),
    );
    if (!refused) return redirect(next);
    const typed = { email: typeof body?.email === 'string' ? body.email : '' };
    return formPage('sign-in', { titleKey: 'signIn.title' }, { next, form: typed }, refused);
  }

  @Post('sign-out')
  async signOut(
    @Res({ passthrough: true }) reply: FastifyReply,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<PageAnswer> {
    if (user) await this.auth.logout(user);
    clearSessionCookie(reply);
    return redirect('/');
  }

  /** The language switch: remembered in a cookie for a year, then back to the page. */
  @Get('lang/:locale')
  language(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('locale') locale: string,
    @Query('next') next: unknown,
  ): PageAnswer {
    if ((LOCALES as readonly string[]).includes(locale)) {
      reply.setCookie(LANGUAGE_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 24 * 3600,
      });
    }
    return redirect(safeNext(next));
  }
}
