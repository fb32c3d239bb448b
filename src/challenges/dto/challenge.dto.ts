import { PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { BidStatus } from 'src/challenges/bid-status';
import { DateTime, Fen, PageQueryDto, TextList, Trim } from 'src/common/dto';

export class CreateChallengeDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 20_000)
  description!: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  enterpriseName!: string;

  @TextList(10, 50)
  fields?: string[];

  /** 榜额 in fen (分). */
  @Fen()
  awardFen!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  eligibility?: string;

  @DateTime()
  deadline!: Date;

  /** A challenge event it belongs to. */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {}

export class ChallengeDto {
  id!: string;
  eventId!: string | null;
  postedBy!: string;
  enterpriseName!: string;
  title!: string;
  description!: string;
  fields!: string[];
  awardFen!: number;
  eligibility!: string;
  deadline!: Date;
  published!: boolean;
  /** Whether bids are taken now. */
  open!: boolean;
  createdAt!: Date;
}

export class ChallengePageDto {
  items!: ChallengeDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class ChallengeQueryDto extends PageQueryDto {
  /** Only those taking bids now. */
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}

export class SubmitBidDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  institutionName!: string;

  @IsString()
  @Length(1, 20_000)
  proposal!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  team?: string;
}

export class MoveBidDto {
  @IsIn(['shortlisted', 'awarded', 'rejected', 'withdrawn'])
  status!: Exclude<BidStatus, 'submitted'>;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class BidDto {
  id!: string;
  challengeId!: string;
  submittedBy!: string;
  institutionName!: string;
  proposal!: string;
  team!: string;
  status!: BidStatus;
  note!: string;
  decidedAt!: Date | null;
  createdAt!: Date;
}
