import { IsString, Length } from 'class-validator';

export class FeedQueryDto {
  @IsString()
  @Length(40, 100)
  token!: string;
}

export class FeedUrlDto {
  /** Subscribe to it in any calendar app; keep it private. */
  url!: string;
}
