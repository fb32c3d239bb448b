import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Matches,
} from 'class-validator';
import { IdParamDto, Trim } from 'src/common/dto';
import { QUESTION_STATUSES, QuestionStatus } from 'src/live/question-status';
import { LiveSessionStatus } from 'src/live/live-session.entity';
import { RelayKind } from 'src/live/relay';

export class StartLiveSessionDto {
  @IsUUID()
  eventId!: string;

  /** The agenda item streamed; without it, the stream is the whole event's. */
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

export class RelayParamDto extends IdParamDto {
  /** `hls` relays to a CDN as HLS; `recording` writes a file without re-encoding. */
  @IsIn(['hls', 'recording'])
  kind!: RelayKind;
}

export class HlsFileParamDto extends IdParamDto {
  /** `index.m3u8` or one of its segments. */
  @Matches(/^(index\.m3u8|index\d{1,9}\.ts)$/)
  file!: string;
}

/** A signed HLS address for a session that is not public (see hls-grant.ts). */
export class HlsGrantFileParamDto extends HlsFileParamDto {
  @Matches(/^\d{1,12}\.[A-Za-z0-9_-]{32}$/)
  grant!: string;
}

export class QuestionQueryDto {
  /** Only questions in this state (organizers see every state; others approved and answered). */
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;
}

export class AudienceFiguresDto {
  totalViews!: number;
  uniqueViewers!: number;
  peakConcurrent!: number;
  /** Seconds watched by everyone together. */
  watchSeconds!: number;
  /** Watching now (0 once ended). */
  concurrent!: number;
}

export class LiveSessionDto {
  id!: string;
  eventId!: string;
  agendaItemId!: string | null;
  status!: LiveSessionStatus;
  startedAt!: Date;
  endedAt!: Date | null;
  /** Counted live while the session runs; final once it has ended. */
  figures!: AudienceFiguresDto;
  /** Where the HLS playlist is served while relaying. */
  hlsUrl!: string | null;
  recording!: boolean;
  recordings!: string[];
}

export class LiveQuestionDto {
  id!: string;
  sessionId!: string;
  askerName!: string;
  text!: string;
  status!: QuestionStatus;
  answer!: string | null;
  askedAt!: Date;
  answeredAt!: Date | null;
}

export class ChatMessageDto {
  id!: string;
  sessionId!: string;
  name!: string;
  text!: string;
  sentAt!: Date;
}

/** Every signalling message may carry a `requestId`, echoed in its reply. */
export class LiveMessageDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  requestId?: string;
}

export class JoinDto extends LiveMessageDto {
  @IsUUID()
  sessionId!: string;

  /** Join to send media (presenters and organizers). */
  @IsOptional()
  @IsBoolean()
  present?: boolean;

  /**
   * Ignored (kept for pages loaded before it was): a guest counts as the viewer id the server
   * gave them in a signed cookie when their socket opened.
   */
  @IsOptional()
  @IsUUID()
  viewerId?: string;
}

export class CreateTransportDto extends LiveMessageDto {
  @IsIn(['send', 'recv'])
  direction!: 'send' | 'recv';
}

export class ConnectTransportDto extends LiveMessageDto {
  @IsString()
  @MaxLength(64)
  transportId!: string;

  @IsObject()
  dtlsParameters!: Record<string, unknown>;
}

export class ProduceDto extends LiveMessageDto {
  @IsString()
  @MaxLength(64)
  transportId!: string;

  @IsIn(['audio', 'video'])
  kind!: 'audio' | 'video';

  @IsObject()
  rtpParameters!: Record<string, unknown>;
}

export class ConsumeDto extends LiveMessageDto {
  @IsString()
  @MaxLength(64)
  transportId!: string;

  @IsString()
  @MaxLength(64)
  producerId!: string;

  @IsObject()
  rtpCapabilities!: Record<string, unknown>;
}

export class ResumeDto extends LiveMessageDto {
  @IsString()
  @MaxLength(64)
  consumerId!: string;
}

export class AskDto extends LiveMessageDto {
  @Trim()
  @IsString()
  @Length(1, 500)
  text!: string;

  /**
   * How a guest wants to be called, at most 20 characters; others see it marked as a guest's
   * (signed-in people are named by their account).
   */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class ChatDto extends AskDto {}

export class ModerateDto extends LiveMessageDto {
  @IsUUID()
  questionId!: string;

  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';
}

export class AnswerDto extends LiveMessageDto {
  @IsUUID()
  questionId!: string;

  /** What was said, if the presenter types it; answering aloud just marks it answered. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  answer?: string;
}

export class LiveIntentDto extends LiveMessageDto {
  /** Defaults to the name of the viewer's organization. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  enterpriseName?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  note?: string;

  /** The viewer's separate consent to show the presenter their mobile and e-mail. */
  @IsOptional()
  @IsBoolean()
  shareMyContacts?: boolean;
}

export class HeartbeatDto extends LiveMessageDto {}
