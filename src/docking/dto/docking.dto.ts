import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { Trim, DateTime } from 'src/common/dto';
import { MeetingStatus, OUTCOMES, Outcome } from 'src/docking/docking-status';
import { MatchDecision } from 'src/matching/match-score';

export class DockingTablesDto {
  /** The session's tables (1号桌 …), replacing the earlier list. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tables!: string[];
}

export class SubmitNeedDto {
  @IsUUID()
  needId!: string;
}

export class InviteExpertsDto {
  /** Expert profiles (from the suggestions) to invite to the session. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  expertIds!: string[];
}

export class RequestMeetingDto {
  /** The participant to meet: an enterprise's representative or an expert. */
  @IsUUID()
  counterpartId!: string;

  @DateTime()
  startsAt!: Date;

  @DateTime()
  endsAt!: Date;

  /** The need to discuss. */
  @IsOptional()
  @IsUUID()
  needId?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AnswerMeetingDto {
  @IsIn(['accepted', 'declined'])
  answer!: 'accepted' | 'declined';
}

export class OutcomeDto {
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class PartyDto {
  userId!: string;
  name!: string;
}

export class MeetingDto {
  id!: string;
  eventId!: string;
  requester!: PartyDto;
  counterpart!: PartyDto;
  needId!: string | null;
  tableName!: string | null;
  startsAt!: Date;
  endsAt!: Date;
  status!: MeetingStatus;
  note!: string;
  /** What each side recorded after the meeting. */
  outcomes!: { userId: string; outcome: Outcome; note: string }[];
}

export class SuggestedExpertsDto {
  needId!: string;
  needTitle!: string;
  /** Best first; `decision` is an organizer's on the match (confirmed ones first to invite). */
  experts!: {
    id: string;
    name: string;
    organization: string;
    score: number;
    words: string[];
    decision: MatchDecision | null;
  }[];
}

/** A precise-docking session someone takes part in, as a portal lists it. */
export class DockingSessionDto {
  id!: string;
  title!: string;
  startsAt!: Date;
  endsAt!: Date;
}

/** Another participant with an account, whom the caller may ask to meet. */
export class CounterpartDto {
  userId!: string;
  name!: string;
  /** The organization they registered with; empty when they named none. */
  organization!: string;
}
