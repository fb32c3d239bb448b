import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { Role } from 'src/identity/roles';

export const PUBLIC_KEY = 'duijie:public';
export const ROLES_KEY = 'duijie:roles';

/** Anyone may call this endpoint; a signed-in caller is still recognised. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only callers holding one of these roles (admins always pass). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** The signed-in caller; use on endpoints that are not `@Public()`. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<FastifyRequest>().user;
    if (!user) throw new Error('CurrentUser used on an endpoint without authentication');
    return user;
  },
);

/** The caller on a `@Public()` endpoint: the signed-in user, or undefined for anyone else. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().user,
);
