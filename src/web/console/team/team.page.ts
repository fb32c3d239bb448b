import { TeamMemberDto } from 'src/identity/dto/team.dto';
import { TeamInvitationDto } from 'src/identity/dto/team-invitation.dto';
import { MEMBERSHIP_ROLES } from 'src/identity/roles';
import { Form, RefusedForm, RefusedForms } from 'src/web/forms';

/**
 * What the team page shows, from the services' DTOs: pure, so it is tested without a browser. Each
 * organization the reader manages, its people with a form each to change the role or remove them,
 * a form to add a person by e-mail, a form to invite one by e-mail link and the open invitations
 * with a button each to revoke; a refused form is shown where it was sent.
 */

/** The notices after a change (`?done=`). */
export const TEAM_NOTICES = ['added', 'changed', 'removed', 'invited', 'revoked'] as const;
export type TeamNotice = (typeof TEAM_NOTICES)[number];

/** An organization the reader manages, with its team as the service gives it. */
export interface ManagedTeam {
  id: string;
  name: string;
  members: TeamMemberDto[];
  invitations: TeamInvitationDto[];
}

export interface TeamRow extends TeamMemberDto {
  /** The row's form was refused: its message. */
  refused?: RefusedForm;
}

export interface TeamSection {
  id: string;
  name: string;
  members: TeamRow[];
  /** The add form's refusal, when it was refused. */
  add?: RefusedForm;
  /** What the add form shows: what was typed, else a new staff member. */
  typed: Form;
  invitations: (TeamInvitationDto & { refused?: RefusedForm })[];
  /** The invite form's refusal, when it was refused. */
  invite?: RefusedForm;
  /** What the invite form shows: what was typed, else a new staff member. */
  typedInvite: Form;
}

export interface TeamPage {
  title: string;
  section: 'team';
  roles: readonly string[];
  done?: TeamNotice;
  organizations: TeamSection[];
  /** A refused form with no place on the page (another organization's, a person no longer there): shown above. */
  refusal?: RefusedForm;
}

/** The form name of the add form of an organization. */
export const addForm = (organizationId: string): string => `add:${organizationId}`;

/** The form name of a person's row (the role form and the remove button). */
export const rowForm = (organizationId: string, userId: string): string =>
  `row:${organizationId}:${userId}`;

/** The form name of the invite form of an organization. */
export const inviteForm = (organizationId: string): string => `invite:${organizationId}`;

/** The form name of an open invitation's revoke button. */
export const invitationForm = (organizationId: string, invitationId: string): string =>
  `invitation:${organizationId}:${invitationId}`;

/** What a refused invite form keeps of what was typed: the e-mail and the role. */
export function typedInvite(body: unknown): Form {
  const { email, role } = typedAdd(body);
  return { email, role };
}

/** What the add form starts with: a member of staff. */
const NEW_MEMBER: Form = { email: '', role: 'staff', title: '' };

/** What a refused add form keeps of what was typed: the e-mail, the role and the title. */
export function typedAdd(body: unknown): Form {
  const form = typeof body === 'object' && body !== null ? (body as Form) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { email: text(form.email), role: text(form.role) || 'staff', title: text(form.title) };
}

export function teamPage(
  title: string,
  teams: ManagedTeam[],
  done?: TeamNotice,
  shown: Partial<RefusedForms> = {},
): TeamPage {
  const refused = shown.refused ?? {};
  const placed = new Set(
    teams.flatMap((t) => [
      addForm(t.id),
      inviteForm(t.id),
      ...t.members.map((m) => rowForm(t.id, m.userId)),
      ...t.invitations.map((i) => invitationForm(t.id, i.id)),
    ]),
  );
  const unplaced = Object.entries(refused).find(([form]) => !placed.has(form));
  return {
    title,
    section: 'team',
    roles: MEMBERSHIP_ROLES,
    done,
    refusal: unplaced?.[1],
    organizations: teams.map((team) => ({
      id: team.id,
      name: team.name,
      members: team.members.map((member) => ({
        ...member,
        refused: refused[rowForm(team.id, member.userId)],
      })),
      add: refused[addForm(team.id)],
      typed: { ...NEW_MEMBER, ...refused[addForm(team.id)]?.form },
      invitations: team.invitations.map((invitation) => ({
        ...invitation,
        refused: refused[invitationForm(team.id, invitation.id)],
      })),
      invite: refused[inviteForm(team.id)],
      typedInvite: { email: '', role: 'staff', ...refused[inviteForm(team.id)]?.form },
    })),
  };
}
