import { MediaLedger } from 'src/live/media-ledger';

/** Consumers per worker id, as the pool's placement reads them. */
function loads(ledger: MediaLedger): Record<string, number> {
  return Object.fromEntries(ledger.load().map((w) => [w.id, w.consumers]));
}

describe('MediaLedger', () => {
  function ledgerWithTwoWorkers() {
    const ledger = new MediaLedger();
    ledger.addWorker('w1');
    ledger.addWorker('w2');
    ledger.addTransport('send', 's1', 'origin');
    ledger.transport('s1', 'send').producers.add('p1');
    ledger.addTransport('view', 's1', 'origin');
    ledger.addConsumer('c1', 'view', 'p1', 'w1');
    ledger.addTransport('far', 's1', 'piped');
    ledger.addConsumer('c2', 'far', 'p1', 'w2');
    return ledger;
  }

  it('counts each consumer on its worker until its transport closes', () => {
    const ledger = ledgerWithTwoWorkers();
    expect(loads(ledger)).toEqual({ w1: 1, w2: 1 });
    expect(ledger.leastLoadedWorker()?.id).toBe('w1');
    expect(ledger.removeTransport('view')?.sessionId).toBe('s1');
    expect(loads(ledger)).toEqual({ w1: 0, w2: 1 });
    expect(ledger.removeTransport('view')).toBeUndefined();
  });

  it('stops counting the consumers of a producer whose transport closed', () => {
    const ledger = ledgerWithTwoWorkers();
    expect([...ledger.removeTransport('send')!.producers]).toEqual(['p1']);
    expect(loads(ledger)).toEqual({ w1: 0, w2: 0 });
  });

  it('forgets the transports on dropped routers and names the producers they sent', () => {
    const ledger = ledgerWithTwoWorkers();
    expect(ledger.removeRouters('s1', new Set(['piped']))).toEqual([]);
    expect(loads(ledger)).toEqual({ w1: 1, w2: 0 });
    expect(() => ledger.transport('s1', 'far')).toThrow(
      expect.objectContaining({ code: 'LIVE_MEDIA_NOT_FOUND' }),
    );
    expect(ledger.removeRouters('s1', new Set(['origin']))).toEqual(['p1']);
    expect(loads(ledger)).toEqual({ w1: 0, w2: 0 });
  });

  it('refuses transports and consumers of another session', () => {
    const ledger = ledgerWithTwoWorkers();
    expect(() => ledger.transport('s2', 'view')).toThrow(
      expect.objectContaining({ code: 'LIVE_MEDIA_NOT_FOUND' }),
    );
    expect(() => ledger.assertConsumer('s2', 'c1')).toThrow(
      expect.objectContaining({ code: 'LIVE_MEDIA_NOT_FOUND' }),
    );
    expect(() => ledger.assertConsumer('s1', 'c1')).not.toThrow();
  });

  it('uncounts an outside consumer once, and not on a worker that went', () => {
    const ledger = ledgerWithTwoWorkers();
    const uncount = ledger.countOutside('w2');
    expect(loads(ledger).w2).toBe(2);
    uncount();
    uncount();
    expect(loads(ledger).w2).toBe(1);
    const lost = ledger.countOutside('w1');
    expect(ledger.removeWorker('w1')).toBe(true);
    ledger.addWorker('w1');
    lost();
    expect(loads(ledger).w1).toBe(0);
    expect(ledger.consumersOn('gone')).toBe(Infinity);
  });
});
