import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { AppConfig, Locale } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AuthService } from 'src/identity/auth.service';
import { ChangePasswordDto, SignUpDto } from 'src/identity/dto/auth.dto';
import { CreateOrganizationDto } from 'src/identity/dto/organization.dto';
import { OrganizationsService } from 'src/identity/organizations.service';
import { ORGANIZATION_KINDS, SELF_SERVICE_ROLES } from 'src/identity/roles';
import { clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { listOf } from 'src/web/form-values';
import { readForm, redirectDone, Refusal, submitForm, submitThenDone } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { safeNext } from 'src/web/web-request';

type Form = Record<string, unknown>;

/** The organization's inputs as the forms name them (`org…`), and the DTO's fields they fill. */
const ORGANIZATION_INPUTS = {
  orgName: 'name',
  orgKind: 'kind',
  orgRegion: 'region',
  orgFields: 'industryFields',
  orgCreditCode: 'creditCode',
  orgTitle: 'title',
} as const;

/** What the organization inputs hold, as CreateOrganizationDto's input; undefined if all empty. */
function organizationOf(body: Form): Form | undefined {
  const given = Object.entries(ORGANIZATION_INPUTS)
    .map(([input, field]) => [field, typeof body[input] === 'string' ? body[input].trim() : ''])
    .filter(([, value]) => value !== '');
  if (given.length === 0) return undefined;
  const organization = Object.fromEntries(given) as Form;
  if (organization.industryFields !== undefined)
    organization.industryFields = listOf(organization.industryFields);
  return organization;
}

/** A problem of the organization's DTO (`organization.name`, or a service's `creditCode`) beside its input. */
function onOrganizationInputs(problems: FieldProblem[], prefix: string): FieldProblem[] {
  const inputOf = Object.fromEntries(
    Object.entries(ORGANIZATION_INPUTS).map(([input, field]) => [field, input]),
  );
  return problems.map((p) => {
    // The service names a taken credit code `creditCode` even when it came nested in a sign-up.
    if (!p.field.startsWith(prefix) && p.field !== 'creditCode') return p;
    const input =
      inputOf[p.field.slice(p.field.startsWith(prefix) ? prefix.length : 0).split('.')[0]];
    return input ? { ...p, field: input } : p;
  });
}

/** Runs a form whose organization problems go beside the `org…` inputs. */
async function submitWithOrganization(
  locale: Locale,
  refusedText: string,
  prefix: string,
  action: () => Promise<FieldProblem[]>,
): Promise<Refusal | undefined> {
  return submitForm(locale, refusedText, async () => {
    try {
      return onOrganizationInputs(await action(), prefix);
    } catch (error) {
      // A service's coded refusal names the DTO field; move it beside the input too.
      if (!(error instanceof DomainError)) throw error;
      const { code, spec, details, fields } = error;
      throw new DomainError(code, spec, details, onOrganizationInputs(fields, prefix));
    }
  });
}

/** What a typed form keeps: everything but passwords. */
function typedOf(body: Form | undefined): Form {
  return Object.fromEntries(
    Object.entries(body ?? {}).filter(([key]) => !key.toLowerCase().includes('password')),
  );
}

/** Signing up, one's account, organization and password. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller()
export class AccountPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('sign-up')
  signUpPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next: unknown,
  ): void {
    this.signUpForm(reply, request, { next: safeNext(next), form: { role: 'expert' } });
  }

  @Public()
  @Post('sign-up')
  async signUp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    const context = this.pages.context(request);
    const next = safeNext(body?.next);
    const refusedText = this.pages.text(context, 'account.signUp.refused');
    const refused = await submitWithOrganization(
      context.locale,
      refusedText,
      'organization.',
      async () => {
        const { name, email, mobile, password, role } = body ?? {};
        const input = { name, email, mobile, password, role, locale: context.locale };
        const form = await readForm(SignUpDto, { ...input, organization: organizationOf(body) });
        if (!form.value) return form.problems;
        setSessionCookie(reply, await this.auth.signUp(form.value, clientOf(request)), this.config);
        return [];
      },
    );
    if (refused)
      return this.signUpForm(
        reply,
        request,
        { next, form: typedOf(body), ...refused },
        refused.status,
      );
    void reply.redirect(next === '/' ? '/account' : next, 303);
  }

  @Get('account')
  async account(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
    @Query('done') done: unknown,
  ): Promise<void> {
    const me = await this.auth.me(user.id);
    this.pages.send(reply, request, 'account/account', {
      title: this.pages.text(this.pages.context(request), 'account.title'),
      me,
      done: doneText(done),
    });
  }

  @Get('account/organization')
  async organizationPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    await this.organizationForm(reply, request, user, { form: {} });
  }

  @Post('account/organization')
  async createOrganization(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<void> {
    const context = this.pages.context(request);
    const refusedText = this.pages.text(context, 'account.organization.refused');
    const refused = await submitWithOrganization(context.locale, refusedText, '', async () => {
      const form = await readForm(CreateOrganizationDto, organizationOf(body ?? {}) ?? {});
      if (!form.value) return form.problems;
      await this.organizations.create(user.id, form.value);
      return [];
    });
    if (refused)
      return this.organizationForm(
        reply,
        request,
        user,
        { form: typedOf(body), ...refused },
        refused.status,
      );
    redirectDone(reply, '/account', 'organization');
  }

  @Get('account/password')
  passwordPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.passwordForm(reply, request, {});
  }

  @Post('account/password')
  async changePassword(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<void> {
    const page = { path: '/account', done: 'password', refusedKey: 'account.password.refused' };
    const refused = await submitThenDone(this.pages, request, reply, page, async () => {
      const form = await readForm(ChangePasswordDto, body);
      if (!form.value) return form.problems;
      await this.auth.changePassword(user, form.value);
      return [];
    });
    if (refused) this.passwordForm(reply, request, { ...refused }, refused.status);
  }

  private signUpForm(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const title = this.pages.text(this.pages.context(request), 'account.signUp.title');
    this.pages.send(
      reply,
      request,
      'account/sign-up',
      { title, roles: SELF_SERVICE_ROLES, kinds: ORGANIZATION_KINDS, ...data },
      status,
    );
  }

  private async organizationForm(
    reply: FastifyReply,
    request: FastifyRequest,
    user: AuthUser,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const { memberships } = await this.auth.me(user.id);
    const title = this.pages.text(this.pages.context(request), 'account.organization.title');
    this.pages.send(
      reply,
      request,
      'account/organization',
      { title, memberships, kinds: ORGANIZATION_KINDS, ...data },
      status,
    );
  }

  private passwordForm(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const title = this.pages.text(this.pages.context(request), 'account.password.title');
    this.pages.send(reply, request, 'account/password', { title, ...data }, status);
  }
}

/** The notice after a change (`?done=`), as a text key; nothing for anything else. */
function doneText(done: unknown): string | undefined {
  return done === 'organization' || done === 'password' || done === 'expertProfile'
    ? `account.done.${done}`
    : undefined;
}
