import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../test/database.js';

/**
 * The last guard against double-booking is the database itself: the `bookings_no_overlap`
 * exclusion constraint. Checked with plain SQL on the run's database.
 */
describe('the bookings_no_overlap exclusion constraint', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  async function newMaster(): Promise<string> {
    const telegramId = Math.floor(Math.random() * 2 ** 40) + 1;
    await client.query(`INSERT INTO telegram_users (telegram_id, first_name, updated_at) VALUES ($1, 'M', now())`, [telegramId]);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO masters (telegram_id, display_name, updated_at) VALUES ($1, 'M', now()) RETURNING id`,
      [telegramId],
    );
    return rows[0]!.id;
  }

  function book(masterId: string, startsAt: string, endsAt: string, status = 'CONFIRMED') {
    return client.query(
      `INSERT INTO bookings (master_id, starts_at, ends_at, status, source, updated_at)
       VALUES ($1, $2, $3, $4, 'CLIENT', now()) RETURNING id`,
      [masterId, startsAt, endsAt, status],
    );
  }

  it('makes two overlapping active bookings of one master impossible', async () => {
    const master = await newMaster();
    await book(master, '2030-03-01T10:00:00Z', '2030-03-01T11:00:00Z');
    await expect(book(master, '2030-03-01T10:30:00Z', '2030-03-01T11:30:00Z')).rejects.toMatchObject({
      code: '23P01',
      constraint: 'bookings_no_overlap',
    });
    await expect(book(master, '2030-03-01T09:00:00Z', '2030-03-01T12:00:00Z', 'COMPLETED')).rejects.toMatchObject({
      code: '23P01',
    });
    const { rows } = await client.query('SELECT count(*)::int AS n FROM bookings WHERE master_id = $1', [master]);
    expect(rows[0].n).toBe(1);
  });

  it('allows back-to-back bookings, other masters and cancelled bookings', async () => {
    const master = await newMaster();
    const other = await newMaster();
    await book(master, '2030-03-01T10:00:00Z', '2030-03-01T11:00:00Z');
    await book(master, '2030-03-01T11:00:00Z', '2030-03-01T12:00:00Z');
    await book(other, '2030-03-01T10:00:00Z', '2030-03-01T11:00:00Z');
    await book(master, '2030-03-01T10:15:00Z', '2030-03-01T10:45:00Z', 'CANCELLED');
    const { rows } = await client.query('SELECT count(*)::int AS n FROM bookings WHERE master_id = $1', [master]);
    expect(rows[0].n).toBe(3);
  });

  it('refuses a cancelled booking coming back to life over another booking', async () => {
    const master = await newMaster();
    const cancelled = await book(master, '2030-03-02T10:00:00Z', '2030-03-02T11:00:00Z', 'CANCELLED');
    await book(master, '2030-03-02T10:00:00Z', '2030-03-02T11:00:00Z');
    await expect(client.query(`UPDATE bookings SET status = 'CONFIRMED' WHERE id = $1`, [cancelled.rows[0].id])).rejects.toMatchObject({
      code: '23P01',
    });
  });

  it('refuses a booking that ends before it starts', async () => {
    const master = await newMaster();
    await expect(book(master, '2030-03-01T11:00:00Z', '2030-03-01T10:00:00Z')).rejects.toMatchObject({
      code: '23514',
    });
  });
});
