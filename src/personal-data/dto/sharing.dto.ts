import { Transform } from 'class-transformer';
import { IsBoolean, IsUUID } from 'class-validator';
import { PageQueryDto } from 'src/common/dto';
import { Sector } from 'src/events/sectors';
import { MeetingPartyDto } from 'src/personal-data/dto/personal-data.dto';
import { RegistrationStatus } from 'src/registrations/registration-status';

/** `/events/:id/co-hosts/:organizationId/registrants`: the registrants as one co-host reads them. */
export class CoHostRegistrantsParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  organizationId!: string;
}

export class CoHostRegistrantsQueryDto extends PageQueryDto {}

/** A registrant as a co-host sees them: contacts only with the registrant's separate consent. */
export class CoHostRegistrantDto {
  /** The registration's id (it opens nothing for the co-host). */
  id!: string;
  name!: string;
  organizationName!: string | null;
  sector!: Sector;
  status!: RegistrationStatus;
  /** Whether the registrant consented to show this co-host their contacts. */
  contactsShared!: boolean;
  /** Only with their consent. */
  email!: string | null;
  mobile!: string | null;
}

export class CoHostRegistrantPageDto {
  items!: CoHostRegistrantDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** An event co-hosted by one of the caller's organizations. */
export class CoHostedEventDto {
  eventId!: string;
  title!: string;
  startsAt!: Date;
  organizationId!: string;
  organizationName!: string;
}

/** A registrant's choice for one co-host of their event (a ticked form checkbox, `on`, is true). */
export class ShareWithCoHostDto {
  @IsUUID()
  organizationId!: string;

  /** true: show my mobile and e-mail to this co-host; false: withdraw. */
  @Transform(({ value }: { value: unknown }) =>
    value === 'on' || value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  shared!: boolean;
}

/** One co-host of the registration's event and whether the registrant shares their contacts with it. */
export class CoHostSharingDto {
  organizationId!: string;
  name!: string;
  shared!: boolean;
}

/** The two people of an intent as one of them sees the other (and themselves). */
export class IntentPartiesDto {
  intentId!: string;
  enterpriseName!: string;
  /** The result the intent is about; null for one on an expert team. */
  resultTitle!: string | null;
  note!: string;
  createdAt!: Date;
  /** The investor's or enterprise's person who expressed it. */
  author!: MeetingPartyDto;
  /** The expert behind the result or profile; null when they are not on the platform. */
  expert!: MeetingPartyDto | null;
}

/** An intent the caller expressed (`author`) or received on their work (`expert`). */
export class MyIntentDto extends IntentPartiesDto {
  role!: 'author' | 'expert';
}
