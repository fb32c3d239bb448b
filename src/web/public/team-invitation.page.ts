import { actsAs, Caller, membershipsPathOf } from 'src/access/policy';
import { TeamInvitationViewDto } from 'src/identity/dto/team-invitation.dto';

/**
 * What an invitation's link shows (pure): the organization and the role; to a signed-in reader
 * an accept button while it is open, to anyone else sign-in and sign-up links that come back here;
 * once accepted by the reader, where to go next.
 */
export interface TeamInvitationPage {
  invitation: TeamInvitationViewDto;
  /** The reader may accept it now. */
  acceptable: boolean;
  /** Open, and the reader is not signed in: sign in or sign up first. */
  signInFirst: boolean;
  /** The page's own address, for the accept form and the links that come back. */
  path: string;
  /** `?next=` of the sign-in and sign-up links. */
  next: string;
  /** Accepted by the reader: where the role is used. */
  goTo?: string;
}

export function teamInvitationPage(
  token: string,
  invitation: TeamInvitationViewDto,
  reader: Caller | undefined,
): TeamInvitationPage {
  const path = `/team-invitations/${encodeURIComponent(token)}`;
  const open = invitation.state === 'open';
  // A team role in an organizing organization opens the console; anyone else goes to their portal.
  const goTo =
    invitation.acceptedByYou && reader
      ? actsAs(reader, 'organizer')
        ? '/console/team'
        : membershipsPathOf(reader.roles)
      : undefined;
  return {
    invitation,
    acceptable: open && !!reader,
    signInFirst: open && !reader,
    path,
    next: encodeURIComponent(path),
    goTo,
  };
}
