import { DomainError } from 'src/common/errors/domain-error';

/**
 * A lifecycle written once as a pure transition table, and everything derived from it: whether a
 * move is allowed, the moves a page offers as buttons, the statuses a conditional UPDATE may move
 * a row from, and the coded refusal (a 409 naming both statuses).
 */
export interface Lifecycle<S extends string> {
  readonly statuses: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  can(from: S, to: S): boolean;
  /** The statuses `from` may move to, in the table's order. */
  next(from: S): readonly S[];
  /** The statuses a row may be in to move to `to`: the WHERE of a conditional update. */
  sourcesOf(to: S): S[];
  /** The lifecycle's coded error for a move it does not allow. */
  refusal(from: S, to: S): Error;
  /** Throws `refusal(from, to)` unless the move is allowed. */
  assertMove(from: S, to: S): void;
}

export function defineLifecycle<S extends string>(
  statuses: readonly S[],
  transitions: Readonly<Record<S, readonly S[]>>,
  refuse: (details: { from: S; to: S }) => DomainError | Error,
): Lifecycle<S> {
  const can = (from: S, to: S) => transitions[from].includes(to);
  return {
    statuses,
    transitions,
    can,
    next: (from) => transitions[from],
    sourcesOf: (to) => statuses.filter((from) => can(from, to)),
    refusal: (from, to) => refuse({ from, to }),
    assertMove(from, to) {
      if (!can(from, to)) throw refuse({ from, to });
    },
  };
}
