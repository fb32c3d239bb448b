import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { UserQueryDto } from 'src/identity/dto/user.dto';
import { UsersService } from 'src/identity/users.service';
import { EventAccess } from 'src/events/event-access';
import { redirectDone, Refusal, submitForm } from 'src/web/forms';
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

/**
 * A refused form on a page with several: under `refused.<form>` its typed input, the problems by
 * field and the message above it, so that only that form shows them.
 */
export function refusalOf(form: string, typed: Form, refusal: Refusal): Form {
  return { refused: { [form]: { form: typed, fields: refusal.fields, problem: refusal.problem } } };
}

/** What a 409 names as in the way (an agenda item, a meeting), kept for the page to show. */
export interface SeenConflict {
  conflict?: Record<string, unknown>;
}

/** What a program form did: its page's `?done=` notice, with any other query values to bring back. */
export type Done = string | { done: string; query: Record<string, string | undefined> };

/**
 * Runs a program page's form (Post/Redirect/Get): once its action is done, the reader goes back to
 * `path` with the notice it returns; refused (the field problems it returns, or a service's coded
 * client error), the refusal comes back with the conflict it named, for the page to show again.
 */
export async function submitProgramForm(
  pages: PageRenderer,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  action: (seen: SeenConflict) => Promise<Done | FieldProblem[]>,
): Promise<(Refusal & SeenConflict) | undefined> {
  const seen: SeenConflict = {};
  const context = pages.context(request);
  const refusedText = pages.text(context, 'program.refused');
  const refused = await submitForm(context.locale, refusedText, async () => {
    const done = await action(seen);
    if (Array.isArray(done)) return done;
    if (typeof done === 'string') redirectDone(reply, path, done);
    else redirectDone(reply, path, done.done, done.query);
    return [];
  });
  return refused && { ...refused, conflict: seen.conflict };
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
