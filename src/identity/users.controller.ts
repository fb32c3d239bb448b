import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { IdParamDto } from 'src/common/dto';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { RoleParamsDto, UserDto, UserPageDto, UserQueryDto } from 'src/identity/dto/user.dto';
import { UsersService } from 'src/identity/users.service';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({
    summary: '用户列表 / List users',
    description:
      "管理员：全部用户；机构管理者：本机构成员（含联系方式），以及 role=expert 时的专家（不含联系方式）。/ Admins: everyone; managers: their organizations' people (with contacts) and, with role=expert, the experts (without contacts).",
  })
  @Roles('organizer')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(user, query);
  }

  @ApiOperation({ summary: '授予角色（管理员）/ Grant a role (admins)' })
  @Roles('admin')
  @Put(':id/roles/:role')
  grant(@CurrentUser() actor: AuthUser, @Param() params: RoleParamsDto): Promise<UserDto> {
    return this.users.grantRole(params.id, params.role, actor);
  }

  @ApiOperation({
    summary: '停用账号（管理员）/ Disable an account (admins): every session ends at once',
  })
  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentUser() actor: AuthUser, @Param() params: IdParamDto): Promise<UserDto> {
    return this.users.setDisabled(actor, params.id, true);
  }

  @ApiOperation({ summary: '启用账号（管理员）/ Enable a disabled account (admins)' })
  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentUser() actor: AuthUser, @Param() params: IdParamDto): Promise<UserDto> {
    return this.users.setDisabled(actor, params.id, false);
  }

  @ApiOperation({ summary: '撤销角色（管理员）/ Revoke a role (admins)' })
  @Roles('admin')
  @Delete(':id/roles/:role')
  revoke(@CurrentUser() actor: AuthUser, @Param() params: RoleParamsDto): Promise<UserDto> {
    return this.users.revokeRole(actor, params.id, params.role);
  }
}
