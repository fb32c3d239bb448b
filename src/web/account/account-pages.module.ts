import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** Sign-up, account, organization and password pages; the live page; a registration's own page. */
@Module({ imports: [WebCoreModule] })
export class AccountPagesModule {}
