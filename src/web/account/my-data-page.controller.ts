import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { clearSessionCookie } from 'src/identity/session-cookie';
import { DeleteAccountDto } from 'src/personal-data/dto/personal-data.dto';
import { Rights } from 'src/personal-data/rights';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';

/**
 * "My data": everything the platform holds about the signed-in person, readable (the JSON is
 * `/api/me/data`), and the deletion of their account behind their password.
 */
@PageController()
@Controller()
export class MyDataPageController {
  constructor(
    private readonly forms: Forms,
    private readonly rights: Rights,
  ) {}

  @Get('account/data')
  async myData(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    return this.page(user);
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
      this.rights.deleteAccount(user, input.password),
    );
    if (refused) return this.page(user, refused);
    clearSessionCookie(reply);
    return seeOther('/', 'deleted');
  }

  private async page(user: AuthUser, refused?: Refusal): Promise<PageAnswer> {
    const data = await this.rights.copy(user);
    return formPage('account/my-data', { titleKey: 'privacy.myData' }, { data }, refused);
  }
}
