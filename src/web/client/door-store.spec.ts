import { DoorStore, newScanKey, normalizeCode, RosterEntry } from 'src/web/client/door-store';

/** The browser's storage as a map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const entry = (code: string, checkedInAt: string | null = null): RosterEntry => ({
  id: code,
  code,
  name: `人${code}`,
  organizationName: null,
  sector: 'industry',
  checkedInAt,
});

describe('what the door keeps offline', () => {
  it('reads codes as stored and makes a new key per scan', () => {
    expect(normalizeCode(' abcd-efgh 23 ')).toBe('ABCDEFGH23');
    const key = newScanKey((bytes) => bytes.fill(171));
    expect(key).toBe('ab'.repeat(16));
    expect(key).toMatch(/^[\w-]{8,64}$/);
  });

  it('keeps the roster and the queue across reloads, per event', () => {
    const storage = new MemoryStorage();
    const store = new DoorStore(storage, 'e1');
    store.saveRoster([entry('AAAA'), entry('BBBB')]);
    store.enqueue({ code: 'AAAA', key: 'k1', at: '2027-01-01T00:00:00Z' });
    store.markCheckedIn('AAAA', '2027-01-01T00:00:00Z');
    const again = new DoorStore(storage, 'e1');
    expect(again.roster().get('AAAA')?.checkedInAt).toBe('2027-01-01T00:00:00Z');
    expect(again.queue().map((s) => s.key)).toEqual(['k1']);
    expect(new DoorStore(storage, 'e2').queue()).toEqual([]);
    again.settle('k1');
    expect(again.queue()).toEqual([]);
  });

  it('keeps an unsynced check-in marked when a fresh roster comes before the sync', () => {
    const store = new DoorStore(new MemoryStorage(), 'e1');
    store.saveRoster([entry('AAAA'), entry('BBBB')]);
    store.enqueue({ code: 'AAAA', key: 'k1', at: 't' });
    store.markCheckedIn('AAAA', 't');
    store.markCheckedIn('BBBB', 't'); // synced already: the server's word wins
    store.saveRoster([entry('AAAA'), entry('BBBB'), entry('CCCC', 'u')]);
    expect([...store.roster().values()].map((e) => e.checkedInAt)).toEqual(['t', null, 'u']);
  });
});
