/**
 * A live session ended and its audience figures were written: announced through `DomainEvents`
 * inside the transaction that ended it. The statistics follow it; live knows nothing of them.
 */
export class LiveSessionEnded {
  constructor(
    readonly sessionId: string,
    readonly eventId: string,
  ) {}
}
