import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';
import { ImportDto } from 'src/imports/dto/import.dto';
import { tableFileOf } from 'src/imports/upload-body';
import { XLSX } from 'src/common/rows';
import {
  AcceptInvitationDto,
  InvitationDetailDto,
  InvitationDto,
  InvitationPageDto,
  InvitationQueryDto,
  InvitationTokenDto,
  InviteDto,
  InviteResultDto,
} from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { NewRegistrationDto } from 'src/registrations/dto/registration.dto';

@ApiTags('invitations 邀请')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @ApiOperation({
    summary:
      '批量邀请，逐行报告错误（组织者）/ Invite up to 10,000 people; bad rows are reported one by one (organizers)',
  })
  @Roles('organizer')
  @Post('events/:id/invitations')
  invite(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: InviteDto,
  ): Promise<InviteResultDto> {
    return this.invitations.invite(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '上传 CSV 或 XLSX 批量邀请（列：姓名,邮箱,手机,单位,界别,角色；邮箱和手机至少一项），作为后台任务运行（202，进度与按行号的错误见 GET /api/imports/{id}；超出行数或大小上限答 413）（组织者）/ Invite from a CSV file (UTF-8 or GBK) or an XLSX workbook (name,email,mobile,organization,sector,role; an e-mail or a mobile, or both) as a job (202; progress and errors by line at GET /api/imports/{id}; 413 past the row or size cap) (organizers)',
  })
  @ApiConsumes('text/csv', XLSX)
  @ApiBody({
    schema: {
      type: 'string',
      example:
        '姓名,邮箱,手机,单位,界别,角色\n周婷,zhou@example.cn,13800138000,天府科创投资基金,金,投资人\n陈志远,,13912345678,蜀能新材料,产,嘉宾',
    },
  })
  @Roles('organizer')
  @Post('events/:id/invitations.csv')
  @ImportLimited()
  @HttpCode(202)
  inviteCsv(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() table: unknown,
    @Headers('content-type') mediaType: string | undefined,
  ): Promise<ImportDto> {
    return this.invitations.inviteTable(user, params.id, tableFileOf(table, mediaType));
  }

  @ApiOperation({ summary: '邀请列表与状态（组织者）/ Invitations and their status (organizers)' })
  @Roles('organizer')
  @Get('events/:id/invitations')
  list(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: InvitationQueryDto,
  ): Promise<InvitationPageDto> {
    return this.invitations.list(user, params.id, query);
  }

  @ApiOperation({ summary: '撤回邀请（组织者）/ Revoke an invitation (organizers)' })
  @Roles('organizer')
  @Post('invitations/:id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<InvitationDto> {
    return this.invitations.revoke(user, params.id);
  }

  @ApiOperation({ summary: '重发邀请（组织者）/ Send an unanswered invitation again (organizers)' })
  @Roles('organizer')
  @Post('invitations/:id/resend')
  @HttpCode(200)
  resend(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<InvitationDto> {
    return this.invitations.resend(user, params.id);
  }

  @ApiOperation({ summary: '打开邀请链接 / Open an invitation by its link' })
  @Public()
  @Get('invitations/:id')
  open(
    @Param() params: IdParamDto,
    @Query() query: InvitationTokenDto,
  ): Promise<InvitationDetailDto> {
    return this.invitations.open(params.id, query.token);
  }

  @ApiOperation({ summary: '接受邀请并报名 / Accept, which registers you' })
  @Public()
  @Post('invitations/:id/accept')
  accept(
    @Param() params: IdParamDto,
    @Query() query: InvitationTokenDto,
    @Body() body: AcceptInvitationDto,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<NewRegistrationDto> {
    return this.invitations.accept(params.id, query.token, body, user);
  }

  @ApiOperation({ summary: '婉拒邀请 / Decline' })
  @Public()
  @Post('invitations/:id/decline')
  @HttpCode(200)
  decline(@Param() params: IdParamDto, @Query() query: InvitationTokenDto): Promise<InvitationDto> {
    return this.invitations.decline(params.id, query.token);
  }
}
