import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, SESSION_COOKIE } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AuthService } from 'src/identity/auth.service';
import { clearSessionCookie, clientOf, setSessionCookie } from 'src/identity/session-cookie';
import {
  ChangePasswordDto,
  LoginDto,
  MeDto,
  SessionDto,
  SignUpDto,
} from 'src/identity/dto/auth.dto';

@ApiTags('auth 账号')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: '注册 / Sign up as an expert or an enterprise user' })
  @Public()
  @Post('sign-up')
  async signUp(
    @Body() body: SignUpDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.signUp(body, clientOf(request)));
  }

  @ApiOperation({ summary: '登录 / Sign in (rate-limited)' })
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.login(body, clientOf(request)));
  }

  @ApiOperation({ summary: '退出登录 / Sign out: ends this session' })
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(user);
    clearSessionCookie(reply);
  }

  @ApiOperation({ summary: '当前用户 / The signed-in user' })
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user.id);
  }

  @ApiOperation({ summary: '修改密码 / Change password; ends your other sessions' })
  @Post('password')
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, body);
  }

  private withCookie(reply: FastifyReply, session: SessionDto): SessionDto {
    setSessionCookie(reply, session, this.config);
    return session;
  }
}
