import { Global, Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { Consents } from 'src/privacy/consents';

/** Consents to the privacy notice and to sharing, recorded by the features that ask for them. */
@Global()
@Module({ imports: [AuditModule], providers: [Consents], exports: [Consents] })
export class PrivacyModule {}
