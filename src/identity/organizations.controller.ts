import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
} from 'src/identity/dto/organization.dto';
import { OrganizationsService } from 'src/identity/organizations.service';

@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiOperation({
    summary: '登记机构，本人为首位成员 / Register an organization with you as its first member',
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

  @ApiOperation({ summary: '机构详情 / One organization' })
  @Public()
  @Get(':id')
  get(@Param() params: IdParamDto): Promise<OrganizationDto> {
    return this.organizations.get(params.id);
  }
}
