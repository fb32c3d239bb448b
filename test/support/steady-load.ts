/**
 * A steady, open-loop load of registrations, invitations and check-ins over several API processes,
 * as a crowd behind a load balancer sends it: each operation is started on schedule whatever the
 * platform is going through, and a client whose attempt fails (a 5xx, a reset, a refused
 * connection, no answer in time) tries again on the next process until it gets a definite answer,
 * the way a person presses the button again. Every attempt is logged, and every operation ends
 * with what the client was told, so the test can compare that with the database and the mail.
 */

export type OperationKind = 'register' | 'invite' | 'check-in';

export interface Attempt {
  kind: OperationKind;
  api: number;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  /** HTTP status, or the network error's code. */
  outcome: number | string;
}

export interface Operation {
  kind: OperationKind;
  /** The e-mail of the registrant or invitee; the registration id of a check-in. */
  subject: string;
  startedAt: number;
  attempts: number;
  /** How the operation ended: acknowledged (the first time or as "already done" on a retry), or refused. */
  result?: 'acknowledged' | 'already-done' | 'refused' | 'unresolved';
  detail?: string;
}

export interface Registered {
  id: string;
  email: string;
  status: string;
  checkInCode: string | null;
}

export interface LoadTargets {
  apis: string[];
  organizerToken: string;
  /** The public event people register for, and the invite-only one invitations go to. */
  registrationEvent: string;
  invitationEvent: string;
}

const ATTEMPT_TIMEOUT_MS = 20_000;
const GIVE_UP_AFTER_MS = 90_000;
const RETRY_PAUSE_MS = 200;

export class SteadyLoad {
  readonly attempts: Attempt[] = [];
  readonly operations: Operation[] = [];
  /** Registrations the client was answered 201 for, by e-mail. */
  readonly registered = new Map<string, Registered>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly toCheckIn: Registered[] = [];
  private timer?: NodeJS.Timeout;
  private nextApi = 0;
  private sequence = 0;
  private abandoned = false;

  constructor(
    private readonly targets: LoadTargets,
    /** Operations per second of each kind. */
    private readonly rates: Record<OperationKind, number>,
  ) {}

  start(): void {
    const tickMs = 50;
    const credit: Record<OperationKind, number> = { register: 0, invite: 0, 'check-in': 0 };
    this.timer = setInterval(() => {
      for (const kind of Object.keys(credit) as OperationKind[]) {
        credit[kind] += (this.rates[kind] * tickMs) / 1000;
        while (credit[kind] >= 1) {
          credit[kind] -= 1;
          this.launch(kind);
        }
      }
    }, tickMs);
  }

  /** Stops starting operations and waits for those under way to end (or to give up, if `abandon`). */
  async stop(abandon = false): Promise<void> {
    this.abandoned = abandon;
    clearInterval(this.timer);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private launch(kind: OperationKind): void {
    const n = this.sequence++;
    let run: () => Promise<void>;
    if (kind === 'register') run = () => this.register(`load${n}@example.cn`, n);
    else if (kind === 'invite') run = () => this.invite(`guest${n}@example.cn`, n);
    else {
      const person = this.toCheckIn.shift();
      if (!person) return; // nobody with a seat waits at the door yet
      run = () => this.checkIn(person);
    }
    const running: Promise<void> = run()
      .catch((error: Error) => {
        this.operations.push({
          kind,
          subject: String(n),
          startedAt: Date.now(),
          attempts: 0,
          result: 'unresolved',
          detail: error.message,
        });
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async register(email: string, n: number): Promise<void> {
    const operation = this.begin('register', email);
    // A guest's registration: no account, so no Authorization header.
    const answer = await this.until(
      operation,
      `/api/events/${this.targets.registrationEvent}/registrations`,
      { acceptPrivacy: true, name: `负载${n}`, email, sector: 'industry' },
      false,
    );
    if (answer.status === 201) {
      const body = answer.body as Registered;
      const registered = { ...body, email };
      this.registered.set(email, registered);
      if (registered.status === 'confirmed' && n % 2 === 0) this.toCheckIn.push(registered);
      return this.end(operation, 'acknowledged');
    }
    if (answer.code === 'REGISTRATION_DUPLICATE' && operation.attempts > 1)
      return this.end(operation, 'already-done');
    this.end(operation, 'refused', `${answer.status} ${answer.code ?? ''}`);
  }

  private async invite(email: string, n: number): Promise<void> {
    const operation = this.begin('invite', email);
    const answer = await this.until(
      operation,
      `/api/events/${this.targets.invitationEvent}/invitations`,
      { invitees: [{ name: `嘉宾${n}`, email, sector: 'academia' }] },
    );
    const body = answer.body as { invited?: number; alreadyInvited?: number };
    if (answer.status === 201 && body.invited === 1) return this.end(operation, 'acknowledged');
    if (answer.status === 201 && body.alreadyInvited === 1 && operation.attempts > 1)
      return this.end(operation, 'already-done');
    this.end(operation, 'refused', `${answer.status} ${JSON.stringify(body)}`);
  }

  private async checkIn(person: Registered): Promise<void> {
    const operation = this.begin('check-in', person.id);
    const answer = await this.until(
      operation,
      `/api/events/${this.targets.registrationEvent}/check-ins`,
      { code: person.checkInCode },
    );
    if (answer.status === 200) return this.end(operation, 'acknowledged');
    if (answer.code === 'CHECK_IN_ALREADY' && operation.attempts > 1)
      return this.end(operation, 'already-done');
    this.end(operation, 'refused', `${answer.status} ${answer.code ?? ''}`);
  }

  private begin(kind: OperationKind, subject: string): Operation {
    const operation: Operation = { kind, subject, startedAt: Date.now(), attempts: 0 };
    this.operations.push(operation);
    return operation;
  }

  private end(operation: Operation, result: Operation['result'], detail?: string): void {
    operation.result = result;
    operation.detail = detail;
  }

  /** Attempts the POST on one process after another until an answer below 500 comes back. */
  private async until(
    operation: Operation,
    path: string,
    body: unknown,
    asOrganizer = true,
  ): Promise<{ status: number; code?: string; body: unknown }> {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (;;) {
      const api = this.nextApi++ % this.targets.apis.length;
      const attempt: Attempt = {
        kind: operation.kind,
        api,
        startedAt: Date.now(),
        endedAt: 0,
        ok: false,
        outcome: 0,
      };
      operation.attempts += 1;
      try {
        const response = await fetch(`${this.targets.apis[api]}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(asOrganizer ? { authorization: `Bearer ${this.targets.organizerToken}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const answer = (await response.json().catch(() => ({}))) as { code?: string };
        attempt.outcome = response.status;
        attempt.ok = response.status < 500;
        if (attempt.ok) return { status: response.status, code: answer.code, body: answer };
      } catch (error) {
        attempt.outcome = networkCode(error);
      } finally {
        attempt.endedAt = Date.now();
        this.attempts.push(attempt);
      }
      if (this.abandoned) throw new Error('abandoned');
      if (Date.now() > deadline) throw new Error(`no answer after ${operation.attempts} attempts`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.name : 'error';
}
