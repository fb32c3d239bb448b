import { Injectable } from '@nestjs/common';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { CoHostDto } from 'src/events/dto/co-host.dto';
import { EventAccess } from 'src/events/event-access';
import { EventCoHost } from 'src/events/event-co-host.entity';
import { EventError } from 'src/events/events.errors';
import { Organization } from 'src/identity/organization.entity';

/**
 * An event's co-hosts (协办 / 联合主办单位): organizations of the platform its organizers name. The
 * registration form asks each registrant, per co-host, whether their contacts may go to it.
 */
@Injectable()
export class CoHosts {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly audit: Audit,
  ) {}

  /** The co-hosts of an event the caller may see (404 otherwise), by name. */
  async list(user: AuthUser | undefined, eventId: string): Promise<CoHostDto[]> {
    await this.access.visibleEvent(user, eventId);
    return this.of(eventId);
  }

  /** The organizers name a co-host; naming one twice changes nothing. */
  async add(user: AuthUser, eventId: string, organizationId: string): Promise<CoHostDto[]> {
    return this.tx.run(async () => {
      const event = await this.access.editableEvent(user, eventId, true);
      if (organizationId === event.organizationId)
        throw EventError.EVENT_CO_HOST_IS_ORGANIZER().onField('organizationId');
      const known = await this.tx.repository(Organization).existsBy({ id: organizationId });
      if (!known)
        throw EventError.EVENT_CO_HOST_UNKNOWN({ organizationId }).onField('organizationId');
      const before = await this.of(eventId);
      await this.tx
        .repository(EventCoHost)
        .createQueryBuilder()
        .insert()
        .values({ eventId, organizationId, addedBy: user.id })
        .orIgnore()
        .execute();
      return this.recorded(user, eventId, before);
    });
  }

  /** The organizers remove a co-host: its team no longer reads the registrants. */
  async remove(user: AuthUser, eventId: string, organizationId: string): Promise<void> {
    await this.tx.run(async () => {
      await this.access.managedEvent(user, eventId, true);
      const before = await this.of(eventId);
      await this.tx.repository(EventCoHost).delete({ eventId, organizationId });
      await this.recorded(user, eventId, before);
    });
  }

  /** The event's co-hosts, by name. */
  async of(eventId: string): Promise<CoHostDto[]> {
    return this.tx.query<CoHostDto[]>(
      `SELECT o.id AS "organizationId", o.name, o.kind
         FROM event_co_host c JOIN organization o ON o.id = c.organization_id
        WHERE c.event_id = $1 ORDER BY o.name, o.id`,
      [eventId],
    );
  }

  /** Whether the organization is a co-host of the event. */
  async named(eventId: string, organizationId: string): Promise<boolean> {
    return this.tx.repository(EventCoHost).existsBy({ eventId, organizationId });
  }

  private async recorded(user: AuthUser, eventId: string, before: CoHostDto[]) {
    const after = await this.of(eventId);
    const ids = (list: CoHostDto[]) => list.map((c) => c.organizationId);
    if (ids(before).join() !== ids(after).join())
      await this.audit.record({
        subject: 'event',
        subjectId: eventId,
        action: 'updated',
        actorId: user.id,
        before: { coHosts: ids(before) },
        after: { coHosts: ids(after) },
      });
    return after;
  }
}
