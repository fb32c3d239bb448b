import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalDataEntryDto } from 'src/audit/dto/audit-entry.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { clientOf } from 'src/identity/session-cookie';
import { ContactSharing } from 'src/personal-data/contact-sharing';
import {
  AuditQueryDto,
  DeleteAccountDto,
  MeetingPartyDto,
  MyDataDto,
  PurgedDto,
  RetentionDto,
  RetentionInputDto,
  ShareContactsDto,
} from 'src/personal-data/dto/personal-data.dto';
import { PersonalDataAudit } from 'src/personal-data/personal-data-audit';
import { Retention } from 'src/personal-data/retention';
import { Rights } from 'src/personal-data/rights';

@ApiTags('personal data 个人信息')
@ApiBearerAuth()
@Controller()
export class PersonalDataController {
  constructor(
    private readonly rights: Rights,
    private readonly retention: Retention,
    private readonly sharing: ContactSharing,
    private readonly audit: PersonalDataAudit,
    private readonly security: AccountSecurityService,
  ) {}

  @ApiOperation({ summary: '下载我的全部数据 / Everything the platform holds about me' })
  @Get('me/data')
  myData(@CurrentUser() user: AuthUser): Promise<MyDataDto> {
    return this.rights.copy(user);
  }

  @ApiOperation({
    summary:
      '注销账号（个人信息删除或匿名化）/ Delete my account (personal data erased or anonymised)',
  })
  @Post('me/delete')
  @HttpCode(204)
  async deleteAccount(
    @CurrentUser() user: AuthUser,
    @Body() body: DeleteAccountDto,
  ): Promise<void> {
    await this.rights.deleteAccount(user, body);
  }

  @ApiOperation({
    summary:
      '发送注销验证码到已验证的手机 / Text a code to my verified mobile to confirm the deletion',
  })
  @Post('me/delete/code')
  @HttpCode(202)
  async sendDeletionCode(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.security.sendConfirmationCode(user, clientOf(request));
  }

  @ApiOperation({ summary: '活动的个人信息保存期限 / The event’s retention period' })
  @Get('events/:id/retention')
  getRetention(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RetentionDto> {
    return this.retention.get(user, params.id);
  }

  @ApiOperation({ summary: '设置保存期限（组织者）/ Set the retention period (organizers)' })
  @Put('events/:id/retention')
  setRetention(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RetentionInputDto,
  ): Promise<RetentionDto> {
    return this.retention.setRetention(user, params.id, body.months);
  }

  @ApiOperation({
    summary: '清除未回复的受邀人（组织者）/ Purge the invitees who never answered (organizers)',
  })
  @Post('events/:id/invitations/purge-unanswered')
  @HttpCode(200)
  purge(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<PurgedDto> {
    return this.rights.purgeUnanswered(user, params.id);
  }

  @ApiOperation({
    summary:
      '洽谈对方（联系方式需其单独同意）/ The other party of a meeting (contacts with their separate consent)',
  })
  @Get('docking/meetings/:id/counterpart')
  counterpart(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<MeetingPartyDto> {
    return this.sharing.counterpart(user, params.id);
  }

  @ApiOperation({
    summary:
      '同意或撤回向洽谈对方提供联系方式 / Consent (or not) to show my contacts to the other party',
  })
  @Put('docking/meetings/:id/share-contacts')
  share(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ShareContactsDto,
  ): Promise<MeetingPartyDto> {
    return this.sharing.share(user, params.id, body.shared);
  }

  @ApiOperation({
    summary:
      '个人信息处理记录（管理员、本机构管理者）/ What was done with personal data (admins, managers of their organizations)',
  })
  @Get('audit')
  entries(
    @CurrentUser() user: AuthUser,
    @Query() query: AuditQueryDto,
  ): Promise<PersonalDataEntryDto[]> {
    return this.audit.entries(user, query);
  }
}
