import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  AcceptedTeamInvitationDto,
  InviteToTeamDto,
  TeamInvitationDto,
  TeamInvitationParamsDto,
  TeamInvitationTokenDto,
  TeamInvitationViewDto,
} from 'src/identity/dto/team-invitation.dto';
import { TeamInvitationsService } from 'src/identity/team-invitations.service';

/** Invitations to a team by e-mail link: sent and revoked by its managers, accepted by whoever holds the link. */
@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller()
export class TeamInvitationsController {
  constructor(private readonly invitations: TeamInvitationsService) {}

  @ApiOperation({
    summary:
      '邮件邀请加入团队（负责人）/ Invite a person to the team by e-mail link (its managers)',
    description:
      '邮件中的链接 7 天内有效；同一邮箱同时只有一份未接受的邀请（TEAM_INVITATION_OPEN）。/ The link is valid for 7 days; one open invitation per address.',
  })
  @Post('organizations/:id/team/invitations')
  invite(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: InviteToTeamDto,
  ): Promise<TeamInvitationDto> {
    return this.invitations.invite(user, params.id, body);
  }

  @ApiOperation({ summary: '未接受的团队邀请（负责人）/ Open team invitations (its managers)' })
  @Get('organizations/:id/team/invitations')
  open(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<TeamInvitationDto[]> {
    return this.invitations.open(user, params.id);
  }

  @ApiOperation({ summary: '撤销团队邀请（负责人）/ Revoke a team invitation (its managers)' })
  @Delete('organizations/:id/team/invitations/:invitationId')
  @HttpCode(204)
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamInvitationParamsDto,
  ): Promise<void> {
    await this.invitations.revoke(user, params.id, params.invitationId);
  }

  @ApiOperation({
    summary: '查看团队邀请 / What an invitation link offers',
    description:
      '持有链接者可见机构与角色。/ Whoever holds the link sees the organization and the role.',
  })
  @Public()
  @Get('team-invitations/:token')
  view(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: TeamInvitationTokenDto,
  ): Promise<TeamInvitationViewDto> {
    return this.invitations.view(user, params.token);
  }

  @ApiOperation({
    summary: '接受团队邀请 / Accept a team invitation',
    description:
      '角色授予当前登录的账号；已接受、已撤销或已过期的链接返回 410。/ The role goes to the signed-in account; a used, revoked or expired link answers 410.',
  })
  @Post('team-invitations/:token/accept')
  @HttpCode(200)
  accept(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamInvitationTokenDto,
  ): Promise<AcceptedTeamInvitationDto> {
    return this.invitations.accept(user, params.token);
  }
}
