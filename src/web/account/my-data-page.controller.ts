import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { clearSessionCookie, clientOf } from 'src/identity/session-cookie';
import { DeleteAccountDto } from 'src/personal-data/dto/personal-data.dto';
import { Rights } from 'src/personal-data/rights';
import { doneOf, Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';

/**
 * "My data": everything the platform holds about the signed-in person, readable (the JSON is
 * `/api/me/data`), and the deletion of their account behind their password, or behind a code
 * texted to their proved mobile (accounts that sign in by SMS have no password).
 */
@PageController()
@Controller()
export class MyDataPageController {
  constructor(
    private readonly forms: Forms,
    private readonly rights: Rights,
    private readonly security: AccountSecurityService,
  ) {}

  @Get('account/data')
  async myData(@CurrentUser() user: AuthUser, @Query('done') done?: string): Promise<PageAnswer> {
    return this.page(user, undefined, doneOf(done, ['codeSent']));
  }

  @Post('account/delete/code')
  async sendCode(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.security.sendConfirmationCode(user, clientOf(request)),
    );
    return refused ? this.page(user, refused) : seeOther('/account/data', 'codeSent');
  }

  @Post('account/delete')
  async deleteAccount(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: DeleteAccountDto, input: body, refusedKey: 'privacy.deleteRefused' };
    const { refused } = await this.forms.submit(request, form, (input) =>
      this.rights.deleteAccount(user, input),
    );
    if (refused) return this.page(user, refused);
    clearSessionCookie(reply);
    return seeOther('/', 'deleted');
  }

  private async page(user: AuthUser, refused?: Refusal, done?: 'codeSent'): Promise<PageAnswer> {
    const data = await this.rights.copy(user);
    const byCode = user.verifiedMobile !== null;
    const notice = done && 'privacy.codeSent';
    return formPage(
      'account/my-data',
      { titleKey: 'privacy.myData' },
      { data, byCode, notice },
      refused,
    );
  }
}
