import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CoHosts } from 'src/events/co-hosts';
import { AddCoHostDto, CoHostDto, CoHostParamsDto } from 'src/events/dto/co-host.dto';

@ApiTags('events 活动')
@ApiBearerAuth()
@Controller('events/:id/co-hosts')
export class CoHostsController {
  constructor(private readonly coHosts: CoHosts) {}

  @ApiOperation({
    summary: '活动的协办单位 / The event’s co-hosts',
    description:
      '报名时可分别同意向每个协办单位提供联系方式。/ Registrants may consent, for each co-host, to show it their contacts.',
  })
  @Public()
  @Get()
  list(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<CoHostDto[]> {
    return this.coHosts.list(user, params.id);
  }

  @ApiOperation({
    summary: '添加协办单位（组织者）/ Name a co-host (organizers)',
    description:
      '平台上已有的机构；其团队可查看报名名单（联系方式须报名人单独同意）。/ An organization of the platform; its team reads the registrants (contacts only with each registrant’s separate consent).',
  })
  @Roles('organizer')
  @Post()
  @HttpCode(200)
  add(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AddCoHostDto,
  ): Promise<CoHostDto[]> {
    return this.coHosts.add(user, params.id, body.organizationId);
  }

  @ApiOperation({ summary: '移除协办单位（组织者）/ Remove a co-host (organizers)' })
  @Roles('organizer')
  @Delete(':organizationId')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param() params: CoHostParamsDto): Promise<void> {
    await this.coHosts.remove(user, params.id, params.organizationId);
  }
}
