import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { actsAs } from 'src/access/policy';
import { ROLES_KEY } from 'src/common/auth/decorators';
import { CommonError } from 'src/common/errors/common.errors';
import { Role } from 'src/identity/roles';

/**
 * The platform roles an endpoint names with `@Roles()`, asked of the policy after `AuthGuard` has
 * recognised the caller: a signed-in caller acting in none of them is refused (403).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    const user = context.switchToHttp().getRequest<FastifyRequest>().user;
    if (roles.length === 0 || !user) return true;
    if (!roles.some((role) => actsAs(user, role)))
      throw CommonError.FORBIDDEN({ requiredRoles: roles });
    return true;
  }
}
