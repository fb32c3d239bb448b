import { IsInt, IsString, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import { Trim } from 'src/common/dto';

/** A file kept in object storage: the platform keeps what is known of it, not the bytes. */
export class AttachmentDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  url!: string;

  @IsString()
  @Length(1, 100)
  contentType!: string;

  /** Bytes. */
  @IsInt()
  @Min(0)
  @Max(10 * 1024 ** 3)
  size!: number;
}
