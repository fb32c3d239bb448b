import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TextList, Trim, DateTime } from 'src/common/dto';
import { RoadshowStatus } from 'src/roadshows/roadshow-status';

export class RoadshowCallDto {
  @DateTime()
  opensAt!: Date;

  @DateTime()
  closesAt!: Date;

  /** Results of these fields are called for; every field when empty or left out. */
  @TextList(10, 50)
  fields?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  description?: string;
}

export class SubmitRoadshowDto {
  /** One of your research results. */
  @IsUUID()
  resultId!: string;

  /** Who presents (user ids); you, when left out. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  presenterIds?: string[];

  @Trim()
  @IsString()
  @Length(1, 5_000)
  abstract!: string;
}

export class AssignReviewersDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds!: string[];
}

export class ReviewDto {
  /** 1 (weak) to 5 (excellent). */
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  comment?: string;
}

export class DecideRoadshowDto {
  @IsIn(['accepted', 'rejected'])
  decision!: 'accepted' | 'rejected';

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class ScheduleRoadshowDto {
  @DateTime()
  startsAt!: Date;

  @DateTime()
  endsAt!: Date;

  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  room?: string;
}

export class ReviewViewDto {
  reviewerId!: string;
  reviewerName!: string;
  score!: number | null;
  comment!: string;
}

export class RoadshowDto {
  id!: string;
  eventId!: string;
  resultId!: string;
  resultTitle!: string;
  submittedBy!: string;
  presenterIds!: string[];
  abstract!: string;
  status!: RoadshowStatus;
  decisionNote!: string;
  decidedAt!: Date | null;
  agendaItemId!: string | null;
  /** Mean of the scores given; reviews are shown to organizers only. */
  meanScore!: number | null;
  reviews!: ReviewViewDto[] | null;
  createdAt!: Date;
}

export class RoadshowCallViewDto {
  eventId!: string;
  opensAt!: Date;
  closesAt!: Date;
  fields!: string[];
  description!: string;
  open!: boolean;
}
