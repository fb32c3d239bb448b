import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { asActor } from 'scripts/demo-support';
import { Access } from 'src/access/access';
import { Tx } from 'src/database/tx';
import { DealsService } from 'src/deals/deals.service';
import { EventAccess } from 'src/events/event-access';
import { LiveService } from 'src/live/live.service';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { StatisticsService } from 'src/stats/statistics.service';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { FakeMediaAdapter } from 'test/support/fake-media';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

// Reads that went through the pool while the caller held row locks in a transaction took a second
// connection each: with the pool's 20 connections all holding locks and waiting for one more, the
// process stalled. Everything now reads through the one transaction context.
describe('the transaction context: no read escapes the caller’s transaction', () => {
  let api: TestApi;
  let tx: Tx;
  let acquired = 0;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    api = await startApi({}, { mediaAdapter: new FakeMediaAdapter() });
    tx = api.app.get(Tx);
    const pool = (api.dataSource.driver as PostgresDriver).master as Pool;
    pool.on('acquire', () => acquired++);
  });

  afterAll(() => api.close());

  /** Runs `work` in a transaction holding a lock on the event; returns the connections it took. */
  async function connectionsTakenWhileLocked(
    eventId: string,
    work: () => Promise<unknown>,
  ): Promise<number> {
    return tx.run(async (manager) => {
      await manager.query('SELECT id FROM event WHERE id = $1 FOR UPDATE', [eventId]);
      const before = acquired;
      await work();
      return acquired - before;
    });
  }

  it('runs the access, deals, registrations and live reads on the locking connection', async () => {
    const organizer = await signedInOrganizer(api.app);
    const outsider = await signedInAs(api.app, ['enterprise']);
    const eventId = await createEvent(api.http, organizer, { visibility: 'closed_door' });
    const { body: deal } = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName: '西南理工大学',
        eventId,
        type: 'license',
        contractValueFen: 150_000_000,
        signedOn: '2026-11-20',
        atCeremony: true,
      })
      .expect(201);
    const me = asActor(organizer.user);
    const them = asActor(outsider.user);
    const access = api.app.get(EventAccess);

    const taken = await connectionsTakenWhileLocked(eventId, async () => {
      await access.managedBy(me);
      await access.managedEvent(me, eventId);
      // A closed door asks whether the outsider holds an invitation: 404 for them.
      await expect(access.visibleEvent(them, eventId)).rejects.toMatchObject({
        code: 'EVENT_NOT_FOUND',
      });
      await api.app.get(DealsService).deal(me, (deal as { id: string }).id);
      await api.app.get(RegistrantsService).list(me, eventId, { limit: 10, offset: 0 });
      await api.app.get(LiveService).listForEvent(me, eventId);
      // The access module's facts (roles, and the organizations below) and the scoped lists.
      await api.app.get(Access).factsOf(me);
      await access.insidersOf(me);
      await api.app.get(DealsService).deals(me, { limit: 10, offset: 0 });
      await api.app.get(StatisticsService).rollup(me, {});
    });
    expect(taken).toBe(0);
  });

  it('would see a read that escapes (control: the root data source inside the transaction)', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer);
    const taken = await connectionsTakenWhileLocked(eventId, () =>
      api.dataSource.query('SELECT 1'),
    );
    expect(taken).toBe(1);
  });

  it('runs after-commit work after the commit, and never for a rolled-back transaction', async () => {
    const order: string[] = [];
    await tx.run(async () => {
      await tx.afterCommit(() => {
        order.push('after commit');
      });
      order.push('in transaction');
    });
    await expect(
      tx.run(async () => {
        await tx.afterCommit(() => {
          order.push('after a rollback');
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(order).toEqual(['in transaction', 'after commit']);
  });
});
