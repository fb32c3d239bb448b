import { Global, Module } from '@nestjs/common';
import { Access } from 'src/access/access';

/** Who may do what for which organization's events (see policy.ts), for every feature. */
@Global()
@Module({ providers: [Access], exports: [Access] })
export class AccessModule {}
