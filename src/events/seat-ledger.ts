import { Injectable } from '@nestjs/common';
import { EventError } from 'src/events/events.errors';
import { SEAT_SHARDS, splitCapacity } from 'src/events/seats';
import { Sector } from 'src/events/sectors';
import { Tx } from 'src/database/tx';

/** A shard to try first: spreading the claims keeps them off each other's rows. */
export const randomShard = () => Math.floor(Math.random() * SEAT_SHARDS);

/**
 * WITH parts that take up to `$count` seats of the event `$event` from shards with room that
 * nobody else is using at that moment (`SKIP LOCKED`), several from one shard when it has room,
 * starting the search at shard `$start`; they end in `seats_taken(n)`, the number taken (0 when
 * every shard is full or busy). Parameters are numbered by the caller, so that the claim can be
 * part of a larger statement (the registration's own, `admit-at-once.ts`).
 */
export const seatsClaim = (eventParam: number, countParam: number, startParam: number) =>
  `picked AS (
     SELECT shard, capacity - taken AS room, (shard + $${startParam}) % ${SEAT_SHARDS} AS ord
       FROM event_seat_shard WHERE event_id = $${eventParam} AND taken < capacity
      ORDER BY ord LIMIT $${countParam} FOR UPDATE SKIP LOCKED),
   shares AS (
     SELECT shard, least(room, $${countParam} - coalesce(sum(room) OVER (
              ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS take
       FROM picked),
   seats AS (
     UPDATE event_seat_shard AS s SET taken = s.taken + shares.take FROM shares
      WHERE s.event_id = $${eventParam} AND s.shard = shares.shard AND shares.take > 0
     RETURNING shares.take),
   seats_taken AS (SELECT coalesce(sum(take), 0)::int AS n FROM seats)`;

/**
 * Counts an event's seats in shard rows and its sector seats in one row per sector. Every method
 * runs in the caller's transaction; the CHECK constraints are the last word on overbooking.
 */
@Injectable()
export class SeatLedger {
  constructor(private readonly tx: Tx) {}

  /**
   * Creates or rebalances the shards for `capacity` (null: unlimited, no shards). `confirmed` is the
   * number of seats taken, needed when an unlimited event gets a capacity.
   */
  async setCapacity(eventId: string, capacity: number | null, confirmed = 0): Promise<void> {
    const { manager } = this.tx;
    if (capacity === null) {
      await manager.query('DELETE FROM event_seat_shard WHERE event_id = $1', [eventId]);
      return;
    }
    const rows = await manager.query<{ shard: number; taken: number }[]>(
      'SELECT shard, taken FROM event_seat_shard WHERE event_id = $1 ORDER BY shard FOR UPDATE',
      [eventId],
    );
    const taken =
      rows.length > 0
        ? rows.map((r) => r.taken)
        : Array.from({ length: SEAT_SHARDS }, (_, i) => (i === 0 ? confirmed : 0));
    const capacities = splitCapacity(capacity, taken);
    if (!capacities) {
      throw EventError.EVENT_CAPACITY_BELOW_CONFIRMED({
        confirmed: taken.reduce((a, b) => a + b, 0),
      }).onField('capacity');
    }
    await manager.query(
      `INSERT INTO event_seat_shard (event_id, shard, capacity, taken)
       SELECT $1, s.shard, s.capacity, s.taken
         FROM unnest($2::int[], $3::int[], $4::int[]) AS s(shard, capacity, taken)
       ON CONFLICT (event_id, shard) DO UPDATE SET capacity = EXCLUDED.capacity`,
      [eventId, capacities.map((_, i) => i), capacities, taken],
    );
  }

  /**
   * Takes one seat, or returns false when every seat is taken. Tries a shard nobody else is using
   * first; when every shard with room is being claimed at that moment, waits for one of them (chosen
   * at random, so that waiters spread over the last shards instead of queueing on the first) and
   * tries again, so a full event is known to be full.
   */
  async claim(event: { id: string; capacity: number | null }): Promise<boolean> {
    const { manager } = this.tx;
    if (event.capacity === null) return true;
    const eventId = event.id;
    for (;;) {
      const [quick] = await manager.query<{ n: number }[]>(
        `WITH ${seatsClaim(1, 2, 3)} SELECT n FROM seats_taken`,
        [eventId, 1, randomShard()],
      );
      if (quick.n === 1) return true;
      const [busy] = await manager.query<{ shard: number }[]>(
        `SELECT shard FROM event_seat_shard WHERE event_id = $1 AND taken < capacity
          ORDER BY random() LIMIT 1`,
        [eventId],
      );
      if (!busy) return false;
      const [, updated] = await manager.query<[unknown[], number]>(
        `UPDATE event_seat_shard SET taken = taken + 1
          WHERE event_id = $1 AND shard = $2 AND taken < capacity RETURNING shard`,
        [eventId, busy.shard],
      );
      if (updated === 1) return true;
    }
  }

  /**
   * Whether a seat may be free: a look without locks (an unlimited event has no shards and room
   * always), for skipping work when the event is full; a claim is still the only proof.
   */
  async mayHaveRoom(eventId: string): Promise<boolean> {
    const [{ room }] = await this.tx.query<{ room: boolean }[]>(
      `SELECT NOT EXISTS (SELECT 1 FROM event_seat_shard WHERE event_id = $1)
           OR EXISTS (SELECT 1 FROM event_seat_shard WHERE event_id = $1 AND taken < capacity) AS room`,
      [eventId],
    );
    return room;
  }

  /** The seats still free of each of these events; one without a capacity has no entry (no limit). */
  async left(eventIds: string[]): Promise<Map<string, number>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.tx.query<{ event_id: string; left: string }[]>(
      `SELECT event_id, sum(greatest(capacity - taken, 0)) AS left
         FROM event_seat_shard WHERE event_id = ANY($1) GROUP BY event_id`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, Number(r.left)]));
  }

  /** Gives one seat back. */
  async release(eventId: string): Promise<void> {
    const { manager } = this.tx;
    await manager.query(
      `UPDATE event_seat_shard SET taken = taken - 1
        WHERE event_id = $1 AND shard = (
          SELECT shard FROM event_seat_shard WHERE event_id = $1 AND taken > 0
           ORDER BY taken DESC LIMIT 1 FOR UPDATE)`,
      [eventId],
    );
  }

  /** Takes one seat of `sector` if fewer than `quota` are taken. */
  async claimSector(eventId: string, sector: Sector, quota: number): Promise<boolean> {
    const { manager } = this.tx;
    if (quota <= 0) return false;
    const rows = await manager.query<{ taken: number }[]>(
      `INSERT INTO event_sector_seats (event_id, sector, taken) VALUES ($1, $2, 1)
       ON CONFLICT (event_id, sector) DO UPDATE SET taken = event_sector_seats.taken + 1
        WHERE event_sector_seats.taken < $3
       RETURNING taken`,
      [eventId, sector, quota],
    );
    return rows.length === 1;
  }

  async releaseSector(eventId: string, sector: Sector): Promise<void> {
    const { manager } = this.tx;
    await manager.query(
      'UPDATE event_sector_seats SET taken = taken - 1 WHERE event_id = $1 AND sector = $2 AND taken > 0',
      [eventId, sector],
    );
  }
}
