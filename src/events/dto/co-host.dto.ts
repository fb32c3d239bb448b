import { IsUUID } from 'class-validator';

/** `/events/:id/co-hosts/:organizationId`: one co-host of an event. */
export class CoHostParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  organizationId!: string;
}

/** An organization of the platform named as the event's co-host (协办 / 联合主办单位). */
export class AddCoHostDto {
  @IsUUID()
  organizationId!: string;
}

/** A co-host as the event's pages and its registration form show it. */
export class CoHostDto {
  organizationId!: string;
  name!: string;
  kind!: string;
}
