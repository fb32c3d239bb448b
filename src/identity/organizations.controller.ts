import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
} from 'src/identity/dto/organization.dto';
import { OrganizationsService } from 'src/identity/organizations.service';
import {
  AddTeamMemberDto,
  SetParentDto,
  SetTeamRoleDto,
  TeamMemberDto,
  TeamMemberParamsDto,
} from 'src/identity/dto/team.dto';
import { TeamService } from 'src/identity/team.service';

@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly teams: TeamService,
  ) {}

  @ApiOperation({
    summary: '登记机构，本人为首位负责人 / Register an organization with you as its first manager',
  })
  @Post()
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.create(user, body);
  }

  @ApiOperation({ summary: '机构列表 / Search organizations' })
  @Public()
  @Get()
  list(@Query() query: OrganizationQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(query);
  }

  @ApiOperation({
    summary: '机构团队（负责人）/ An organization’s team (its managers)',
  })
  @Get(':id/team')
  team(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<TeamMemberDto[]> {
    return this.teams.team(user, params.id);
  }

  @ApiOperation({
    summary:
      '按邮箱加入团队（负责人）/ Give the person with an e-mail address a role (its managers)',
    description:
      '邮箱须为已注册用户；未找到时在 email 字段报 USER_NOT_FOUND。/ The address must be a registered user’s (else USER_NOT_FOUND on the field email).',
  })
  @Put(':id/team')
  addByEmail(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AddTeamMemberDto,
  ): Promise<TeamMemberDto> {
    return this.teams.addByEmail(user, params.id, body);
  }

  @ApiOperation({
    summary: '设置成员角色（负责人）/ Give a person a role in the organization (its managers)',
    description:
      'manager 负责人、staff 工作人员、reviewer 评审、viewer 只读、member 成员；机构至少保留一名负责人。/ An organization always keeps a manager.',
  })
  @Put(':id/team/:userId')
  setRole(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamMemberParamsDto,
    @Body() body: SetTeamRoleDto,
  ): Promise<TeamMemberDto> {
    return this.teams.setRole(user, params.id, params.userId, body);
  }

  @ApiOperation({ summary: '移出团队（负责人）/ Remove a person from the team (its managers)' })
  @Delete(':id/team/:userId')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param() params: TeamMemberParamsDto): Promise<void> {
    await this.teams.remove(user, params.id, params.userId);
  }

  @ApiOperation({
    summary: '设置上级机构（管理员）/ Place the organization below another (admins)',
  })
  @Roles('admin')
  @Put(':id/parent')
  @HttpCode(204)
  async setParent(@Param() params: IdParamDto, @Body() body: SetParentDto): Promise<void> {
    await this.teams.setParent(params.id, body.parentId);
  }

  @ApiOperation({ summary: '机构详情 / One organization' })
  @Public()
  @Get(':id')
  get(@Param() params: IdParamDto): Promise<OrganizationDto> {
    return this.organizations.get(params.id);
  }
}
