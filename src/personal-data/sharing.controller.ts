import { Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CoHostSharing } from 'src/personal-data/co-host-sharing';
import {
  CoHostRegistrantPageDto,
  CoHostRegistrantsParamsDto,
  CoHostRegistrantsQueryDto,
  CoHostedEventDto,
  CoHostSharingDto,
  IntentPartiesDto,
  MyIntentDto,
  ShareWithCoHostDto,
} from 'src/personal-data/dto/sharing.dto';
import { ShareContactsDto } from 'src/personal-data/dto/personal-data.dto';
import { IntentSharing } from 'src/personal-data/intent-sharing';
import { ManageTokenQueryDto } from 'src/registrations/dto/registration.dto';

/** Contacts shown to another party only with the person's separate consent: co-hosts, intents. */
@ApiTags('personal data 个人信息')
@ApiBearerAuth()
@Controller()
export class SharingController {
  constructor(
    private readonly coHosts: CoHostSharing,
    private readonly intents: IntentSharing,
  ) {}

  @ApiOperation({
    summary:
      '协办单位查看报名名单（联系方式须报名人单独同意）/ The registrants as a co-host reads them (contacts only with each one’s separate consent)',
    description:
      '协办单位团队成员与活动管理者可查看；其他人 404。每次查看记入个人信息处理记录。/ For the co-host’s team and the event’s managers; 404 for anyone else. Each view is recorded in the personal-data audit.',
  })
  @Get('events/:id/co-hosts/:organizationId/registrants')
  registrants(
    @CurrentUser() user: AuthUser,
    @Param() params: CoHostRegistrantsParamsDto,
    @Query() query: CoHostRegistrantsQueryDto,
  ): Promise<CoHostRegistrantPageDto> {
    const page = { limit: query.limit, offset: query.offset };
    return this.coHosts.registrants(user, params.id, params.organizationId, page);
  }

  @ApiOperation({
    summary:
      '我所在机构协办的活动 / The events my organizations co-host (their team reads the registrants)',
  })
  @Get('me/co-hosting')
  coHosting(@CurrentUser() user: AuthUser): Promise<CoHostedEventDto[]> {
    return this.coHosts.coHosting(user);
  }

  @ApiOperation({
    summary:
      '我的报名：向各协办单位提供联系方式的同意（本人凭登录或 token）/ My registration: what I share with each co-host (account or token)',
  })
  @Public()
  @Get('registrations/:id/co-host-sharing')
  choices(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
  ): Promise<CoHostSharingDto[]> {
    return this.coHosts.choices(request.user, params.id, query.token);
  }

  @ApiOperation({
    summary:
      '同意或撤回向某协办单位提供联系方式（本人）/ Consent to show a co-host my contacts, or withdraw it (the registrant)',
  })
  @Public()
  @Put('registrations/:id/co-host-sharing')
  choose(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query() query: ManageTokenQueryDto,
    @Body() body: ShareWithCoHostDto,
  ): Promise<CoHostSharingDto[]> {
    return this.coHosts.choose(
      request.user,
      params.id,
      query.token,
      body.organizationId,
      body.shared,
    );
  }

  @ApiOperation({
    summary:
      '合作意向的双方（联系方式须本人单独同意）/ The two people of an intent (contacts only with their separate consent)',
    description:
      '意向的提出者与成果（或专家资料）所属专家可查看；其他人 404。/ For the intent’s author and the expert behind the result or profile; 404 for anyone else.',
  })
  @Get('intents/:id/parties')
  parties(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<IntentPartiesDto> {
    return this.intents.between(user, params.id);
  }

  @ApiOperation({
    summary:
      '同意或撤回向意向另一方提供我的联系方式 / Consent (or not) to show the intent’s other person my contacts',
  })
  @Put('intents/:id/share-contacts')
  shareWithIntentParty(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ShareContactsDto,
  ): Promise<IntentPartiesDto> {
    return this.intents.share(user, params.id, body.shared);
  }

  @ApiOperation({
    summary:
      '我提出的和我收到的合作意向（含对方可见的联系方式）/ Intents I expressed or received, with what each side shares',
  })
  @Get('me/intents')
  myIntents(@CurrentUser() user: AuthUser): Promise<MyIntentDto[]> {
    return this.intents.mine(user);
  }
}
