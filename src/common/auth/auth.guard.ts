import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { AUTHENTICATOR, Authenticator, SESSION_COOKIE } from 'src/common/auth/auth-user';
import { PUBLIC_KEY } from 'src/common/auth/decorators';
import { CommonError } from 'src/common/errors/common.errors';

/** The bearer token, else the session cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

/**
 * Global guard: every endpoint needs a signed-in caller unless marked `@Public()` (anonymous → 401).
 * The roles named by `@Roles()` are the access policy's to check (RolesGuard, after this one).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const token = tokenOf(request);
    request.user = token ? await this.authenticator.authenticate(token) : undefined;
    if (isPublic) return true;
    if (!request.user) throw CommonError.AUTH_REQUIRED();
    return true;
  }
}
