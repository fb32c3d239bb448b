import { Module } from '@nestjs/common';
import { Audit } from 'src/audit/audit';

/** The audit log of changes, recorded by the features that make them. */
@Module({ providers: [Audit], exports: [Audit] })
export class AuditModule {}
