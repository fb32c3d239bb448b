import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public } from 'src/common/auth/decorators';
import { TeamInvitationTokenDto } from 'src/identity/dto/team-invitation.dto';
import { TeamInvitationsService } from 'src/identity/team-invitations.service';
import { Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { teamInvitationPage } from 'src/web/public/team-invitation.page';

/**
 * The link of a team invitation (`/team-invitations/<token>`): the organization and the role,
 * accepted by the signed-in reader (sign in or sign up first, coming back here).
 */
@PageController()
@Controller('team-invitations')
export class TeamInvitationPageController {
  constructor(
    private readonly forms: Forms,
    private readonly invitations: TeamInvitationsService,
  ) {}

  @Public()
  @Get(':token')
  invitation(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: TeamInvitationTokenDto,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.page(user, params.token, done === 'accepted');
  }

  @Post(':token/accept')
  async accept(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: TeamInvitationTokenDto,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.invitations.accept(user, params.token),
    );
    if (!refused) return seeOther(`/team-invitations/${params.token}`, 'accepted');
    return this.page(user, params.token, false, refused);
  }

  private async page(
    user: AuthUser | undefined,
    token: string,
    done: boolean,
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const invitation = await this.invitations.view(user, token);
    const page = { ...teamInvitationPage(token, invitation, user), done };
    return formPage('team-invitation', { titleKey: 'teamInvitation.title' }, page, refused);
  }
}
