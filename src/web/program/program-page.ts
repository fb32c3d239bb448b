import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { UserQueryDto } from 'src/identity/dto/user.dto';
import { UsersService } from 'src/identity/users.service';
import { EventAccess } from 'src/events/event-access';
import { Refusal } from 'src/web/forms';
import { PageRenderer } from 'src/web/page-renderer';

/** A form as typed: what the page shows again when it is refused. */
export type Form = Record<string, unknown>;

/** The event the console pages are about, for the console navigation (organizers of it only). */
export async function consoleEventOf(
  access: EventAccess,
  user: AuthUser,
  eventId: string,
): Promise<{ id: string; title: string; startsAt: Date; endsAt: Date; kind: string }> {
  const event = await access.managedEvent(user, eventId);
  const { id, title, startsAt, endsAt, kind } = event;
  return { id, title, startsAt, endsAt, kind };
}

/** Post/Redirect/Get: back to `path` with `?done=<what>` (and any other query values). */
export function redirectDone(
  reply: FastifyReply,
  path: string,
  done: string,
  more: Record<string, string | undefined> = {},
): void {
  const query = new URLSearchParams({ done });
  for (const [key, value] of Object.entries(more)) if (value) query.set(key, value);
  void reply.redirect(`${path}?${query.toString()}`, 303);
}

/**
 * A refused form on a page with several: under `refused.<form>` its typed input, the problems by
 * field and the message above it, so that only that form shows them.
 */
export function refusalOf(form: string, typed: Form, refusal: Refusal): Form {
  return { refused: { [form]: { form: typed, fields: refusal.fields, problem: refusal.problem } } };
}

/** `?done=<what>` when it is one of the page's notices (else nothing: no stray text on the page). */
export function doneOf(done: unknown, known: readonly string[]): string | undefined {
  return typeof done === 'string' && known.includes(done) ? done : undefined;
}

/** The refused text of the program pages, in the reader's language. */
export function refusedText(pages: PageRenderer, request: FastifyRequest): string {
  return pages.text(pages.context(request), 'program.refused');
}

/** What a 409 names as in the way (an agenda item, a meeting), kept for the page to show. */
export interface SeenConflict {
  conflict?: Record<string, unknown>;
}

/** Runs `action`, keeping the conflict a refusal names in `seen`, and lets the refusal go on. */
export async function notingConflict<T>(seen: SeenConflict, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const conflict = error instanceof DomainError ? error.details.conflict : undefined;
    if (conflict && typeof conflict === 'object')
      seen.conflict = conflict as Record<string, unknown>;
    throw error;
  }
}

/** The experts an organizer may name as presenters or reviewers (as `GET /api/users?role=expert`). */
export async function expertsOf(users: UsersService): Promise<{ id: string; name: string }[]> {
  const page = await users.list(Object.assign(new UserQueryDto(), { role: 'expert', limit: 100 }));
  return page.items.map(({ id, name }) => ({ id, name }));
}

/** A form's checkboxes or multiple select: one value is a string, several an array. */
export function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}
