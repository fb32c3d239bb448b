import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/common/auth/decorators';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AuthService } from 'src/identity/auth.service';
import { LinkTokenDto, MobileCodeDto } from 'src/identity/dto/auth.dto';
import { clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { checkPage } from 'src/web/account/account-pages.controller';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, redirect } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { safeNext } from 'src/web/web-request';

function verifyEmailForm(token: string, next: string, refused?: Refusal): PageAnswer {
  const page = { token, next };
  return formPage('account/verify-email', { titleKey: 'account.verify.title' }, page, refused);
}

/**
 * Proving an address: the e-mail link opens a page whose button verifies (a link scanner that
 * fetches the page verifies nothing), and the SMS code is typed on the page sign-up showed.
 * Either signs in.
 */
@PageController()
@Controller()
export class VerifyPagesController {
  constructor(
    private readonly forms: Forms,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('verify-email')
  verifyEmailPage(@Query('token') token: unknown, @Query('next') next: unknown): PageAnswer {
    return verifyEmailForm(typeof token === 'string' ? token : '', safeNext(next));
  }

  @Public()
  @Post('verify-email')
  async verifyEmail(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const next = safeNext(body?.next);
    const input = { token: body?.token };
    const form = { dto: LinkTokenDto, input, refusedKey: 'account.verify.refused' };
    const { refused } = await this.forms.submit(request, form, async ({ token }) =>
      setSessionCookie(reply, await this.auth.verifyEmail(token, clientOf(request)), this.config),
    );
    if (!refused) return redirect(next === '/' ? '/account?done=verified' : next);
    return verifyEmailForm(typeof body?.token === 'string' ? body.token : '', next, refused);
  }

  @Public()
  @Post('verify-mobile')
  async verifyMobile(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const next = safeNext(body?.next);
    const input = { mobile: body?.mobile, code: body?.code };
    const form = { dto: MobileCodeDto, input, refusedKey: 'account.verify.refused' };
    const { refused } = await this.forms.submit(request, form, async (proof) =>
      setSessionCookie(reply, await this.auth.verifyMobile(proof, clientOf(request)), this.config),
    );
    if (!refused) return redirect(next === '/' ? '/account?done=verified' : next);
    const mobile = typeof body?.mobile === 'string' ? body.mobile : '';
    return checkPage({ next, sentTo: ['mobile'], mobile }, refused);
  }
}
