/// <reference lib="dom" />
/**
 * What the door's device keeps for itself, in the browser's storage: the event's confirmed
 * registrants (to check people in while the network is down) and the scans made offline, each with
 * the idempotency key it is synced under. Pure over a `Storage`, so it is tested without a browser.
 */

export interface RosterEntry {
  id: string;
  code: string;
  name: string;
  organizationName: string | null;
  sector: string;
  checkedInAt: string | null;
}

/** A scan made offline: the code, the key it is sent with (again and again until answered), when. */
export interface QueuedScan {
  code: string;
  key: string;
  at: string;
}

/** What a person typed or a scanner read, as stored: upper case, without spaces or dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A random key for one scan (not `randomUUID`, which an http page on a LAN address lacks). */
export function newScanKey(random: (bytes: Uint8Array) => Uint8Array): string {
  return Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class DoorStore {
  private readonly rosterKey: string;
  private readonly queueKey: string;
  private entries: Map<string, RosterEntry> | undefined;

  constructor(
    private readonly storage: Storage,
    eventId: string,
  ) {
    this.rosterKey = `duijie:door:${eventId}:roster`;
    this.queueKey = `duijie:door:${eventId}:queue`;
  }

  /** The registrants by code, as last fetched (and as checked in here since). */
  roster(): Map<string, RosterEntry> {
    if (!this.entries) {
      const kept = this.read<RosterEntry[]>(this.rosterKey, []);
      this.entries = new Map(kept.map((entry) => [entry.code, entry]));
    }
    return this.entries;
  }

  /** A fresh list from the server; check-ins this device has not synced yet stay marked. */
  saveRoster(entries: RosterEntry[]): void {
    const queued = new Set(this.queue().map((scan) => scan.code));
    const mine = this.roster();
    this.entries = new Map(
      entries.map((entry) => {
        const local = mine.get(entry.code);
        const keep = queued.has(entry.code) && local?.checkedInAt && !entry.checkedInAt;
        return [entry.code, keep ? { ...entry, checkedInAt: local.checkedInAt } : entry];
      }),
    );
    this.write(this.rosterKey, [...this.entries.values()]);
  }

  markCheckedIn(code: string, at: string): void {
    const entry = this.roster().get(code);
    if (!entry) return;
    entry.checkedInAt = entry.checkedInAt ?? at;
    this.write(this.rosterKey, [...this.roster().values()]);
  }

  queue(): QueuedScan[] {
    return this.read<QueuedScan[]>(this.queueKey, []);
  }

  enqueue(scan: QueuedScan): void {
    this.write(this.queueKey, [...this.queue(), scan]);
  }

  /** The scan was answered (done, or a conflict to show): it leaves the queue. */
  settle(key: string): void {
    this.write(
      this.queueKey,
      this.queue().filter((scan) => scan.key !== key),
    );
  }

  private read<T>(key: string, otherwise: T): T {
    try {
      const text = this.storage.getItem(key);
      return text ? (JSON.parse(text) as T) : otherwise;
    } catch {
      return otherwise;
    }
  }

  private write(key: string, value: unknown): void {
    this.storage.setItem(key, JSON.stringify(value));
  }
}
