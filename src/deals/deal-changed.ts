/**
 * A deal was signed, corrected or moved a stage: announced through `DomainEvents` inside the
 * transaction that changed it, with the events whose figures count it (both, when a correction
 * moved it from one event to another). The statistics follow it; deals know nothing of them.
 */
export class DealChanged {
  constructor(
    readonly dealId: string,
    readonly eventIds: (string | null)[],
  ) {}
}
