import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ClientLimits } from 'src/common/client-limits';

/**
 * Counts an import against its account's and its address's hourly limits before the file is
 * read (429 with `Retry-After` past either). Runs after the global guards, so the caller is known.
 */
@Injectable()
export class ImportLimitGuard implements CanActivate {
  constructor(private readonly limits: ClientLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limits.import(request.user?.id ?? 'anonymous', request.ip);
    return true;
  }
}

/** Puts an import endpoint (API or page) under the per-account and per-address import limits. */
export const ImportLimited = () => UseGuards(ImportLimitGuard);
