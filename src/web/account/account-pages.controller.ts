import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { IdParamDto } from 'src/common/dto';
import { SessionsService } from 'src/identity/sessions.service';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AuthService } from 'src/identity/auth.service';
import { CoHostSharing } from 'src/personal-data/co-host-sharing';
import { ChangePasswordDto, SignUpDto } from 'src/identity/dto/auth.dto';
import { CreateOrganizationDto } from 'src/identity/dto/organization.dto';
import { OrganizationsService } from 'src/identity/organizations.service';
import { ORGANIZATION_KINDS, SELF_SERVICE_ROLES } from 'src/identity/roles';
import { clientOf } from 'src/identity/session-cookie';
import {
  accountNotice,
  onOrganizationInputs,
  organizationOf,
  signUpInput,
  typedOf,
} from 'src/web/account/account.page';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { localeOf, safeNext } from 'src/web/web-request';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** After a link or code was sent: to the page that says where (`GET /account/check`). */
function sentTo(next: string, kinds: string[], mobile?: string): PageAnswer {
  return seeOther('/account/check', undefined, { to: kinds.join(','), mobile, next });
}

/** The sign-up page, anew or again with what was typed and the refusal. */
function signUpForm(data: { next: string; form: Form }, refused?: Refusal): PageAnswer {
  const page = { roles: SELF_SERVICE_ROLES, kinds: ORGANIZATION_KINDS, ...data };
  return formPage('account/sign-up', { titleKey: 'account.signUp.title' }, page, refused);
}

/** After sign-up: look in the mail for the link, or type the SMS code here. */
export function checkPage(
  page: { next: string; sentTo: string[]; mobile?: string },
  refused?: Refusal,
): PageAnswer {
  const sent = { email: page.sentTo.includes('email'), mobile: page.sentTo.includes('mobile') };
  return formPage('account/check', { titleKey: 'account.check.title' }, { ...page, sent }, refused);
}

function passwordForm(refused?: Refusal): PageAnswer {
  return formPage('account/password', { titleKey: 'account.password.title' }, {}, refused);
}

/** Signing up, one's account, organization and password. */
@PageController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly forms: Forms,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationsService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly coHosts: CoHostSharing,
  ) {}

  @Public()
  @Get('sign-up')
  signUpPage(@Query('next') next: unknown): PageAnswer {
    return signUpForm({ next: safeNext(next), form: { role: 'expert' } });
  }

  /** Signing up sends a link and a code; the page says where (the same whether or not taken). */
  @Public()
  @Post('sign-up')
  async signUp(@Req() request: FastifyRequest, @Body() body: Form): Promise<PageAnswer> {
    const next = safeNext(body?.next);
    const input = { ...signUpInput(body ?? {}), locale: localeOf(request, this.config) };
    const form = { dto: SignUpDto, input, refusedKey: 'account.signUp.refused' };
    const { refused, value } = await this.forms.submit(request, form, async (signUp) => ({
      answer: await this.auth.signUp(signUp, clientOf(request), next),
      mobile: signUp.mobile,
    }));
    if (!refused) return sentTo(next, value.answer.sentTo, value.mobile);
    const shown = onOrganizationInputs(refused, 'organization.');
    return signUpForm({ next, form: typedOf(body) }, shown);
  }

  @Get('account')
  async account(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    const me = await this.auth.me(user.id);
    const unproved = (me.email && !me.emailVerified) || (me.mobile && !me.mobileVerified);
    // The team of a co-host (which may have no console) finds its co-hosted events here.
    const coHosting = (await this.coHosts.coHosting(user)).length > 0;
    const page = { me, unproved, coHosting, done: accountNotice(done) };
    return view('account/account', page, { titleKey: 'account.title' });
  }

  /** Accounts whose addresses were never proved (made before verification existed) prove them here. */
  @Post('account/verify')
  async resendVerification(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<PageAnswer> {
    const { value, refused } = await this.forms.attempt(request, () =>
      this.auth.resendVerification(user, clientOf(request)),
    );
    if (refused) return checkPage({ next: '/account', sentTo: [], mobile: '' }, refused);
    return sentTo('/account', value.sentTo, user.mobile ?? undefined);
  }

  /**
   * Where a link and a code were sent (after signing up or asking again): look in the mail, or
   * type the SMS code here. Its own address (Post/Redirect/Get), so a refresh sends nothing again.
   */
  @Public()
  @Get('account/check')
  sentPage(
    @Query('to') to: unknown,
    @Query('mobile') mobile: unknown,
    @Query('next') next: unknown,
  ): PageAnswer {
    const kinds = typeof to === 'string' ? to.split(',') : [];
    const sent = ['email', 'mobile'].filter((kind) => kinds.includes(kind));
    return checkPage({ next: safeNext(next), sentTo: sent, mobile: text(mobile) });
  }

  @Get('account/organization')
  organizationPage(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    return this.organizationForm(user, {});
  }

  @Post('account/organization')
  async createOrganization(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = organizationOf(body ?? {}) ?? {};
    const form = { dto: CreateOrganizationDto, input, refusedKey: 'account.organization.refused' };
    const { refused } = await this.forms.submit(request, form, (organization) =>
      this.organizations.create(user, organization),
    );
    if (!refused) return seeOther('/account', 'organization');
    return this.organizationForm(user, typedOf(body), onOrganizationInputs(refused, ''));
  }

  @Get('account/password')
  passwordPage(): PageAnswer {
    return passwordForm();
  }

  @Post('account/password')
  async changePassword(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: ChangePasswordDto, input: body, refusedKey: 'account.password.refused' };
    const { refused } = await this.forms.submit(request, form, (change) =>
      this.auth.changePassword(user, change),
    );
    return refused ? passwordForm(refused) : seeOther('/account', 'password');
  }

  /** One's signed-in devices, each with a button that ends it. */
  @Get('account/sessions')
  async sessionsPage(@CurrentUser() user: AuthUser, @Query('done') done: unknown) {
    const sessions = await this.sessions.mine(user);
    const page = { sessions, done: done === 'ended' ? 'account.sessions.ended' : undefined };
    return view('account/sessions', page, { titleKey: 'account.sessions.title' });
  }

  @Post('account/sessions/:id/end')
  async endSession(@CurrentUser() user: AuthUser, @Param() params: IdParamDto) {
    await this.sessions.end(user, params.id);
    return params.id === user.sessionId
      ? seeOther('/sign-in')
      : seeOther('/account/sessions', 'ended');
  }

  /** The organization page: one's organizations, and the form to register another. */
  private async organizationForm(user: AuthUser, typed: Form, refused?: Refusal) {
    const { memberships } = await this.auth.me(user.id);
    const page = { memberships, kinds: ORGANIZATION_KINDS, form: typed };
    return formPage(
      'account/organization',
      { titleKey: 'account.organization.title' },
      page,
      refused,
    );
  }
}
