import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/common/auth/decorators';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { AuthService } from 'src/identity/auth.service';
import {
  MobileCodeDto,
  MobileDto,
  ResetByCodeDto,
  ResetByLinkDto,
  ResetRequestDto,
  SessionDto,
} from 'src/identity/dto/auth.dto';
import { clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, redirect, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { safeNext } from 'src/web/web-request';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Sign-in by SMS code: first the number, then (`sent`) the code. */
function codeSignIn(page: { next: string; mobile: string; sent: boolean }, refused?: Refusal) {
  return formPage('account/sign-in-mobile', { titleKey: 'account.smsSignIn.title' }, page, refused);
}

/** Reset: the address, then for a mobile the code and new password; a link's page the password. */
function resetForm(
  page: { mobile?: string; sent?: boolean; token?: string; email?: string },
  refused?: Refusal,
): PageAnswer {
  return formPage('account/reset', { titleKey: 'account.reset.title' }, page, refused);
}

/**
 * Getting in without a password, phones first: signing in by SMS code, and resetting the password
 * by e-mail link or SMS code (every session ends; the new one opens here).
 */
@PageController()
@Controller()
export class RecoveryPagesController {
  constructor(
    private readonly forms: Forms,
    private readonly auth: AuthService,
    private readonly security: AccountSecurityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('sign-in/mobile')
  codeSignInPage(
    @Query('next') next: unknown,
    @Query('mobile') mobile: unknown,
    @Query('done') done: unknown,
  ): PageAnswer {
    // `?done=sent&mobile=`: the code went out (Post/Redirect/Get); the page asks for it.
    const sent = done === 'sent' && text(mobile) !== '';
    return codeSignIn({ next: safeNext(next), mobile: sent ? text(mobile) : '', sent });
  }

  @Public()
  @Post('sign-in/mobile/code')
  async sendCode(@Req() request: FastifyRequest, @Body() body: Form): Promise<PageAnswer> {
    const page = { next: safeNext(body?.next), mobile: text(body?.mobile) };
    const form = { dto: MobileDto, input: { mobile: body?.mobile }, refusedKey: 'signIn.refused' };
    const { refused, value } = await this.forms.submit(request, form, async ({ mobile }) => {
      await this.auth.sendSignInCode(mobile, clientOf(request));
      return mobile;
    });
    if (refused) return codeSignIn({ ...page, sent: false }, refused);
    return seeOther('/sign-in/mobile', 'sent', { mobile: value, next: page.next });
  }

  @Public()
  @Post('sign-in/mobile')
  async signIn(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const page = { next: safeNext(body?.next), mobile: text(body?.mobile), sent: true };
    const input = { mobile: body?.mobile, code: body?.code };
    const form = { dto: MobileCodeDto, input, refusedKey: 'signIn.refused' };
    const { refused } = await this.forms.submit(request, form, async (proof) =>
      this.signedIn(reply, await this.auth.loginByCode(proof, clientOf(request))),
    );
    return refused ? codeSignIn(page, refused) : redirect(page.next);
  }

  @Public()
  @Get('reset-password')
  resetPage(
    @Query('token') token: unknown,
    @Query('done') done: unknown,
    @Query('mobile') mobile: unknown,
  ): PageAnswer {
    // `?done=sent`: the link or code went out (Post/Redirect/Get); a mobile's page asks for the code.
    if (done === 'sent') return resetForm({ sent: true, mobile: text(mobile) || undefined });
    return resetForm(text(token) ? { token: text(token) } : {});
  }

  @Public()
  @Post('reset-password')
  async requestReset(@Req() request: FastifyRequest, @Body() body: Form): Promise<PageAnswer> {
    const address = text(body?.address).trim();
    const input = address.includes('@') ? { email: address } : { mobile: address };
    const form = { dto: ResetRequestDto, input, refusedKey: 'account.reset.refused' };
    const { refused } = await this.forms.submit(request, form, (reset) =>
      this.security.requestReset(reset, clientOf(request)),
    );
    if (refused) return resetForm({ email: address }, refused);
    return seeOther('/reset-password', 'sent', { mobile: input.mobile });
  }

  @Public()
  @Post('reset-password/mobile')
  async resetByCode(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: ResetByCodeDto, input: body, refusedKey: 'account.reset.refused' };
    const { refused } = await this.forms.submit(request, form, async (reset) =>
      this.signedIn(reply, await this.security.resetByCode(reset, clientOf(request))),
    );
    if (!refused) return redirect('/account?done=reset');
    return resetForm({ sent: true, mobile: text(body?.mobile) }, refused);
  }

  @Public()
  @Post('reset-password/email')
  async resetByLink(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: ResetByLinkDto, input: body, refusedKey: 'account.reset.refused' };
    const { refused } = await this.forms.submit(request, form, async (reset) =>
      this.signedIn(reply, await this.security.resetByLink(reset, clientOf(request))),
    );
    if (!refused) return redirect('/account?done=reset');
    return resetForm({ token: text(body?.token) }, refused);
  }

  private signedIn(reply: FastifyReply, session: SessionDto): void {
    setSessionCookie(reply, session, this.config);
  }
}
