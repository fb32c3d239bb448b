import { AuditModule } from 'src/audit/audit.module';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AUTHENTICATOR } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AuthController } from 'src/identity/auth.controller';
import { LoginLimits } from 'src/identity/login-limits';
import { AuthService } from 'src/identity/auth.service';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { SessionsService } from 'src/identity/sessions.service';
import { Verifications } from 'src/identity/verifications';
import { OrganizationsController } from 'src/identity/organizations.controller';
import { OrganizationTree } from 'src/identity/organization-tree';
import { OrganizationsService } from 'src/identity/organizations.service';
import { MembershipRequestsController } from 'src/identity/membership-requests.controller';
import { MembershipRequestsService } from 'src/identity/membership-requests.service';
import { TeamInvitationsController } from 'src/identity/team-invitations.controller';
import { TeamInvitationsService } from 'src/identity/team-invitations.service';
import { TeamService } from 'src/identity/team.service';
import { UsersController } from 'src/identity/users.controller';
import { UsersService } from 'src/identity/users.service';
import { NotificationsModule } from 'src/notifications/notifications.module';

@Global()
@Module({
  imports: [
    NotificationsModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    AuthController,
    UsersController,
    OrganizationsController,
    TeamInvitationsController,
    MembershipRequestsController,
  ],
  providers: [
    AuthService,
    AccountSecurityService,
    SessionsService,
    Verifications,
    UsersService,
    OrganizationsService,
    OrganizationTree,
    TeamService,
    TeamInvitationsService,
    MembershipRequestsService,
    LoginLimits,
    { provide: AUTHENTICATOR, useExisting: AuthService },
  ],
  exports: [
    AUTHENTICATOR,
    AuthService,
    AccountSecurityService,
    SessionsService,
    OrganizationsService,
    OrganizationTree,
    TeamService,
    TeamInvitationsService,
    MembershipRequestsService,
    UsersService,
  ],
})
export class IdentityModule {}
