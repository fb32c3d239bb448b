import { IsOptional, IsUUID } from 'class-validator';
import { ReleaseAct } from 'src/catalog/catalog-kinds';

/** The programme an item is brought into: one event or one series (`?eventId=` on an import). */
export class ReleaseTargetDto {
  /** An event whose organization the caller manages. */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** A series whose organization the caller manages. */
  @IsOptional()
  @IsUUID()
  seriesId?: string;
}

/** A result or need brought into a programme, and how (see CatalogRelease). */
export class ReleaseDto {
  id!: string;
  resultId!: string | null;
  needId!: string | null;
  eventId!: string | null;
  seriesId!: string | null;
  /** The programme's organizing organization. */
  organizationId!: string;
  /** submitted, presented, brought, imported or attached. */
  act!: ReleaseAct;
  releasedAt!: Date;
  recordedBy!: string | null;
}
