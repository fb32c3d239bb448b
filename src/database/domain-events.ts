import { Injectable } from '@nestjs/common';
import { Tx } from 'src/database/tx';

/** A class of domain event: `class DealChanged { constructor(readonly dealId: string) {} }`. */
export type DomainEventType<E extends object> = new (...args: never[]) => E;

/**
 * When a subscriber runs: inside the transaction that announced the event (it writes with it, and
 * its failure undoes the change), or once that transaction has committed (it cannot undo it).
 */
export type Phase = 'in-transaction' | 'after-commit';

type Handler = (event: object) => Promise<void>;

/**
 * Where a feature announces what happened (`DealChanged`, `EventChanged`, `LiveSessionEnded` …)
 * and where others subscribe to it, so that the announcing feature knows nothing of them: the
 * statistics follow deals without deals depending on the statistics. Each subscriber says when it
 * runs.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventType<object>, { phase: Phase; run: Handler }[]>();

  constructor(private readonly tx: Tx) {}

  subscribe<E extends object>(
    type: DomainEventType<E>,
    phase: Phase,
    handler: (event: E) => Promise<void>,
  ): void {
    const list = this.handlers.get(type) ?? [];
    list.push({ phase, run: handler as Handler });
    this.handlers.set(type, list);
  }

  /** Announces `event` from inside the transaction that made it happen. */
  async publish(event: object): Promise<void> {
    const subscribers = this.handlers.get(event.constructor as DomainEventType<object>) ?? [];
    for (const { phase, run } of subscribers) {
      if (phase === 'in-transaction') await this.tx.run(() => run(event));
      else await this.tx.afterCommit(() => run(event));
    }
  }
}
