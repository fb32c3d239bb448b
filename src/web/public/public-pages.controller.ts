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
import { clearSessionCookie, clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { Form, Forms } from 'src/web/forms';
import { PageAnswer, formPage, redirect, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import { noticeBlocks } from 'src/web/public/privacy.page';
import { PRIVACY_NOTICE_VERSION, privacyNotice } from 'src/privacy/privacy-notice';
import { activityFilters, found, publishedAgenda } from 'src/web/public/public.page';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async home(@OptionalUser() user: AuthUser | undefined): Promise<PageAnswer> {
    const upcoming = await this.events.list(user, { from: new Date(), limit: 6, offset: 0 });
    return view('home', { events: upcoming.items });
  }

  @Get('activities')
  async activities(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: Record<string, string>,
  ): Promise<PageAnswer> {
    const { locale, timeZone } = this.pages.context(request);
    const input = { limit: 100, ...activityFilters(query, timeZone) };
    const { items, total, problems } = await found(EventQueryDto, input, locale, (value) =>
      this.events.list(user, value),
    );
    const series = await this.events.listSeries(user, { limit: 100, offset: 0 });
    const page = { kinds: EVENT_KINDS, series, query, problems, events: items, total };
    return view('activities', page, { titleKey: 'activities.title' });
  }

  @Get('activities/:id')
  async activity(
    @Param() params: IdParamDto,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<PageAnswer> {
    const event = await this.events.get(user, params.id);
    const agenda = await publishedAgenda(this.agenda.agenda(user, params.id));
    return view('activity', { title: event.title, event, agenda });
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
      void reply.setCookie(LANGUAGE_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 24 * 3600,
      });
    }
    return redirect(safeNext(next));
  }
}
