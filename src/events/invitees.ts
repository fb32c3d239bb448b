import { AuthUser } from 'src/common/auth/auth-user';
import { Condition } from 'src/database/querier';

/**
 * Who holds an invitation to a closed-door event, as event access asks it. Invitations build on
 * events (they come later in the dependency order), so events state the question here and the
 * invitations module answers it (`InvitationHolders`).
 */
export abstract class Invitees {
  /**
   * Whether the signed-in user holds an invitation to the event that was not revoked: one to an
   * address they verified, or one they accepted signed in. Never by an unverified address.
   */
  abstract holds(user: AuthUser, eventId: string): Promise<boolean>;

  /** `column` names an event the user holds an invitation to that was not revoked. */
  abstract heldBy(column: string, user: AuthUser): Condition;
}
