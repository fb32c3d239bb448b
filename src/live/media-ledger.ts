import { leastBy } from 'src/live/live-rules';
import { LiveError } from 'src/live/live.errors';

/** A media worker of this host and the consumers it carries (its load). */
export interface WorkerSlot {
  id: string;
  consumers: number;
}

interface ConsumerEntry {
  transportId: string;
  producerId: string;
  workerId: string;
}

/** A peer's transport: the session and router it is on, and what it sends and receives. */
export interface TransportEntry {
  sessionId: string;
  routerId: string;
  producers: Set<string>;
  consumers: Set<string>;
}

/**
 * What this host's media workers carry, in memory: the workers with their consumer counts (what
 * placement reads against the budget), each transport's producers and consumers, and which worker
 * each consumer loads. It makes no media calls; `MediaPool` makes them and keeps the ledger in step,
 * so a consumer is counted exactly while it exists and stops counting with its transport, its
 * producer or its worker.
 */
export class MediaLedger {
  private readonly workers = new Map<string, WorkerSlot>();
  private readonly transports = new Map<string, TransportEntry>();
  private readonly consumers = new Map<string, ConsumerEntry>();

  addWorker(id: string): void {
    this.workers.set(id, { id, consumers: 0 });
  }

  /** Forgets a worker; false when it was not (or no longer) one of ours. */
  removeWorker(id: string): boolean {
    return this.workers.delete(id);
  }

  hasWorker(id: string): boolean {
    return this.workers.has(id);
  }

  workerIds(): string[] {
    return [...this.workers.keys()];
  }

  get workerCount(): number {
    return this.workers.size;
  }

  clearWorkers(): void {
    this.workers.clear();
  }

  /** Consumers per worker, as copies. */
  load(): WorkerSlot[] {
    return [...this.workers.values()].map((w) => ({ ...w }));
  }

  leastLoadedWorker(): WorkerSlot | undefined {
    return leastBy([...this.workers.values()], (w) => w.consumers);
  }

  /** A worker's consumers; a worker that is gone has no room at all. */
  consumersOn(workerId: string): number {
    return this.workers.get(workerId)?.consumers ?? Infinity;
  }

  addTransport(transportId: string, sessionId: string, routerId: string): void {
    this.transports.set(transportId, {
      sessionId,
      routerId,
      producers: new Set(),
      consumers: new Set(),
    });
  }

  /** The session's transport, or LIVE_MEDIA_NOT_FOUND (unknown, or another session's). */
  transport(sessionId: string, transportId: string): TransportEntry {
    const entry = this.transports.get(transportId);
    if (!entry || entry.sessionId !== sessionId)
      throw LiveError.LIVE_MEDIA_NOT_FOUND({ transportId });
    return entry;
  }

  /** A consumer on a transport, counted on the worker of the transport's router. */
  addConsumer(consumerId: string, transportId: string, producerId: string, workerId: string): void {
    this.transports.get(transportId)?.consumers.add(consumerId);
    this.consumers.set(consumerId, { transportId, producerId, workerId });
    this.workers.get(workerId)!.consumers++;
  }

  /** LIVE_MEDIA_NOT_FOUND unless the consumer is on one of the session's transports. */
  assertConsumer(sessionId: string, consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry || this.transports.get(entry.transportId)?.sessionId !== sessionId)
      throw LiveError.LIVE_MEDIA_NOT_FOUND({ consumerId });
  }

  /**
   * Counts a consumer that has no transport of ours (a relay's plain RTP), until the returned
   * function uncounts it; that does nothing once the worker is gone, or the second time.
   */
  countOutside(workerId: string): () => void {
    const worker = this.workers.get(workerId)!;
    worker.consumers++;
    let counted = true;
    return () => {
      if (counted && this.workers.get(workerId) === worker) worker.consumers--;
      counted = false;
    };
  }

  /**
   * Forgets a closed transport with its consumers, and the consumers of its producers (mediasoup
   * closes those with the producer); returns the entry, so the room drops its producers.
   */
  removeTransport(transportId: string): TransportEntry | undefined {
    const entry = this.transports.get(transportId);
    if (!entry) return undefined;
    this.forget(transportId, entry);
    for (const [consumerId, consumer] of this.consumers) {
      if (entry.producers.has(consumer.producerId)) this.dropConsumer(consumerId);
    }
    return entry;
  }

  /** Forgets the transports of the session on these routers; returns the producers they sent. */
  removeRouters(sessionId: string, routerIds: ReadonlySet<string>): string[] {
    const producers: string[] = [];
    for (const [transportId, entry] of this.transports) {
      if (entry.sessionId === sessionId && routerIds.has(entry.routerId)) {
        this.forget(transportId, entry);
        producers.push(...entry.producers);
      }
    }
    return producers;
  }

  private forget(transportId: string, entry: TransportEntry): void {
    this.transports.delete(transportId);
    for (const consumerId of entry.consumers) this.dropConsumer(consumerId);
  }

  private dropConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    this.transports.get(entry.transportId)?.consumers.delete(consumerId);
    const worker = this.workers.get(entry.workerId);
    if (worker) worker.consumers--;
  }
}
