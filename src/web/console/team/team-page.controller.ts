import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { AddTeamMemberDto, SetTeamRoleDto, TeamMemberParamsDto } from 'src/identity/dto/team.dto';
import { InviteToTeamDto, TeamInvitationParamsDto } from 'src/identity/dto/team-invitation.dto';
import { TeamInvitationsService } from 'src/identity/team-invitations.service';
import { TeamService } from 'src/identity/team.service';
import {
  addForm,
  invitationForm,
  inviteForm,
  typedInvite,
  ManagedTeam,
  rowForm,
  TEAM_NOTICES,
  TeamPage,
  teamPage,
  typedAdd,
} from 'src/web/console/team/team.page';
import { doneOf, Form, Forms, RefusedForms, refusedOn } from 'src/web/forms';
import { confirmFirst } from 'src/web/confirm';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

const TEAM = '/console/team';

/** The teams of the organizations the organizer manages: roles given, changed and ended. */
@PageController()
@Roles('organizer')
@Controller('console/team')
export class TeamPageController {
  constructor(
    private readonly forms: Forms,
    private readonly pages: PageRenderer,
    private readonly teams: TeamService,
    private readonly invitations: TeamInvitationsService,
  ) {}

  @Get()
  page(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('done') done: unknown,
  ): Promise<PageView<TeamPage>> {
    return this.show(request, user, { done: doneOf(done, TEAM_NOTICES) });
  }

  /** A person added by their e-mail address, with a role and a title. */
  @Post(':id/add')
  async add(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.submit(
      request,
      { dto: AddTeamMemberDto, input: body },
      (input) => this.teams.addByEmail(user, params.id, input),
    );
    if (!refused) return seeOther(TEAM, 'added');
    return this.refused(request, user, refusedOn(addForm(params.id), typedAdd(body), refused));
  }

  /** A person's role (and title) changed. */
  @Post(':id/members/:userId/role')
  async role(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: TeamMemberParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.submit(
      request,
      { dto: SetTeamRoleDto, input: body },
      (input) => this.teams.setRole(user, params.id, params.userId, input),
    );
    if (!refused) return seeOther(TEAM, 'changed');
    return this.refused(request, user, refusedOn(rowForm(params.id, params.userId), {}, refused));
  }

  /** A person removed from the team. */
  @Post(':id/members/:userId/remove')
  async remove(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: TeamMemberParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const ask = confirmFirst(body, {
      question: 'confirm.removeMember',
      button: 'confirm.removeMemberButton',
      action: `${TEAM}/${params.id}/members/${params.userId}/remove`,
      back: TEAM,
    });
    if (ask) return ask;
    const { refused } = await this.forms.attempt(request, () =>
      this.teams.remove(user, params.id, params.userId),
    );
    if (!refused) return seeOther(TEAM, 'removed');
    return this.refused(request, user, refusedOn(rowForm(params.id, params.userId), {}, refused));
  }

  /** A person invited by e-mail link, with the role the link gives. */
  @Post(':id/invite')
  async invite(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.submit(
      request,
      { dto: InviteToTeamDto, input: body },
      (input) => this.invitations.invite(user, params.id, input),
    );
    if (!refused) return seeOther(TEAM, 'invited');
    return this.refused(
      request,
      user,
      refusedOn(inviteForm(params.id), typedInvite(body), refused),
    );
  }

  /** An open invitation revoked: its link no longer works. */
  @Post(':id/invitations/:invitationId/revoke')
  async revoke(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: TeamInvitationParamsDto,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.invitations.revoke(user, params.id, params.invitationId),
    );
    if (!refused) return seeOther(TEAM, 'revoked');
    const form = invitationForm(params.id, params.invitationId);
    return this.refused(request, user, refusedOn(form, {}, refused));
  }

  /** The page again with a refused form shown where it was sent, under the refusal's status. */
  private refused(
    request: FastifyRequest,
    user: AuthUser,
    shown: RefusedForms,
  ): Promise<PageView<TeamPage>> {
    const [refusal] = Object.values(shown.refused);
    return this.show(request, user, shown, refusal.status);
  }

  private async show(
    request: FastifyRequest,
    user: AuthUser,
    state: { done?: (typeof TEAM_NOTICES)[number] } & Partial<RefusedForms>,
    status?: number,
  ): Promise<PageView<TeamPage>> {
    const managed = await this.teams.managed(user);
    const teams: ManagedTeam[] = await Promise.all(
      managed.map(async (o) => ({
        ...o,
        members: await this.teams.team(user, o.id),
        invitations: await this.invitations.open(user, o.id),
      })),
    );
    const title = this.pages.text(this.pages.context(request), 'console.team.title');
    return view('console/team', teamPage(title, teams, state.done, state), {
      status,
      titleKey: 'console.team.title',
    });
  }
}
