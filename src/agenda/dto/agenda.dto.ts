import { OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AGENDA_ITEM_KINDS, AgendaItemKind } from 'src/agenda/agenda-kinds';
import { Trim, DateTime } from 'src/common/dto';

export class CreateAgendaItemDto {
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  description?: string;

  /** A room of the event's list (`GET /events/:id/rooms`); items in one room never overlap. */
  @IsOptional()
  @IsUUID()
  roomId?: string;

  /**
   * Or the room's name: the room of the list it names (spaces and full-width forms aside), added
   * to the list when there is none. Ignored when `roomId` is given.
   */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  room?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https', 'rtmp', 'rtmps'], require_protocol: true })
  @MaxLength(500)
  streamUrl?: string;

  @DateTime()
  startsAt!: Date;

  @DateTime()
  endsAt!: Date;

  /** Users who present it; none of them may be anywhere else at that time. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  presenterIds?: string[];

  /** The research result presented (roadshows). */
  @IsOptional()
  @IsUUID()
  resultId?: string;

  /** A visit stop's place. */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  place?: string;

  /** People a visit stop takes at once. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;
}

export class UpdateAgendaItemDto extends PartialType(
  OmitType(CreateAgendaItemDto, ['kind'] as const),
) {}

export class ReorderAgendaDto {
  /** The visit stops of the event, in their new order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds!: string[];
}

export class PresenterDto {
  userId!: string;
  name!: string;
}

/** An item being streamed now: the session to join. */
export class LiveState {
  sessionId!: string;
  since!: Date;
}

export class AgendaItemDto {
  id!: string;
  eventId!: string;
  kind!: AgendaItemKind;
  title!: string;
  description!: string;
  /** The room's id in the event's list, and its name. */
  roomId!: string | null;
  room!: string | null;
  streamUrl!: string | null;
  startsAt!: Date;
  endsAt!: Date;
  presenters!: PresenterDto[];
  resultId!: string | null;
  /** Order of a visit's stops (1 first). */
  position!: number | null;
  place!: string | null;
  capacity!: number | null;
  /** Set while the item is live. */
  live!: LiveState | null;
}

export class AgendaDto {
  eventId!: string;
  publishedAt!: Date | null;
  /**
   * For organizers: the items differ from what is published (added, removed or moved since),
   * a draft until published again. Always false for everyone else, who see the published agenda.
   */
  changedSincePublished!: boolean;
  /** In time order; a visit's stops in their order. */
  items!: AgendaItemDto[];
}

export class CreateRoomDto {
  /** As people write it; "B 座 3 楼路演厅" and "B座3楼路演厅" are one room. */
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class RoomDto {
  id!: string;
  eventId!: string;
  name!: string;
}
