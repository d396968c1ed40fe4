import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient, DbRestartEvent } from '../src/data/db/db-client';
import { rejection } from './support/rejection';
import { createCrashableNodeDb, createNodeDb } from './support/node-db';

/**
 * Issue 10 item 1: the engine never stays wedged. A cancelled script really stops; an engine that
 * does not stop after a cancel, or whose worker crashes, is replaced by a new one (same start-up
 * and lockdown) and the restart listeners are told, so the app can reload the open files' tables.
 */

/** The script of the issue: the second statement runs for hours unless interrupted. */
const WEDGING_SCRIPT = 'SELECT 1; SELECT sum(a.range*b.range) FROM range(300000) a, range(300000) b';
/** A prepared statement (parameters) runs to completion in the worker: cancel cannot stop it. */
const UNINTERRUPTIBLE =
  'SELECT count(*) AS n FROM range(?::BIGINT) a(x), range(4) b(y) WHERE (x + y) % 7 = 3';

function nextRestart(db: DbClient): Promise<DbRestartEvent> {
  return new Promise((resolve) => {
    const off = db.onRestart((event) => {
      off();
      resolve(event);
    });
  });
}

const answer = async (db: DbClient, sql: string, channel?: string) =>
  (await db.query(sql, { cache: false, ...(channel ? { channel } : {}) })).table.getChildAt(0)?.get(0);

describe('the DuckDB doorway never stays wedged', () => {
  let shared: DbClient;
  const restarts: DbRestartEvent[] = [];
  beforeAll(async () => {
    // A long grace: these tests must pass without any restart.
    shared = await createNodeDb({ cancelGraceMs: 60_000 });
    shared.onRestart((e) => restarts.push(e));
  });
  afterAll(async () => {
    await shared?.close();
  });

  it('cancelling a multi-statement script interrupts it: the next query on that channel answers', async () => {
    const db = shared;
    const controller = new AbortController();
    const running = db.query(WEDGING_SCRIPT, { channel: 'sql-editor', signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect((await rejection(running)).code).toBe('cancelled');
    // Same channel, same connection: it only answers if the engine really stopped the script.
    expect(await answer(db, 'SELECT 42', 'sql-editor')).toBe(42);
    expect(await answer(db, 'SELECT 43')).toBe(43);
    expect(restarts).toEqual([]);
  });

  it('runs a script statement by statement with the last result, as before', async () => {
    const { table } = await shared.query(
      'CREATE TABLE s (x INT); INSERT INTO s VALUES (1), (2); SELECT sum(x)::INT AS t FROM s',
    );
    expect(table.getChild('t')?.get(0)).toBe(3);
    expect(restarts).toEqual([]);
  });

  it('restarts an engine that does not stop after a cancel, locked down like the first', async () => {
    const { db, workersStarted } = await createCrashableNodeDb({ cancelGraceMs: 300 });
    try {
      await db.query('CREATE TABLE before_restart AS SELECT 1 AS x');
      const restarted = nextRestart(db);
      const controller = new AbortController();
      const stuck = db.query(UNINTERRUPTIBLE, { params: [3_000_000_000], signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      expect((await rejection(stuck)).code).toBe('cancelled');
      // A query that waits for the engine: past the grace the engine is replaced, and this query,
      // which never started on the old engine, runs on the new one.
      expect(await answer(db, 'SELECT 11', 'another-channel')).toBe(11);
      const event = await restarted;
      expect(event.reason).toBe('unresponsive');
      expect(event.message).toMatch(/restarted/);
      expect(event.restartMs).toBeGreaterThan(0);
      expect(workersStarted()).toBe(2);
      // A new, empty engine: the old tables are gone (the app reloads them from their files).
      expect(
        await answer(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'before_restart'"),
      ).toBe(0n);
      expect(await answer(db, "SELECT current_setting('enable_external_access')")).toBe(false);
      expect(await answer(db, "SELECT current_setting('lock_configuration')")).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('recovers from a crashed worker: reads in flight answered, writes refused, the listener reloads', async () => {
    const { db, crashWorker, workersStarted } = await createCrashableNodeDb();
    try {
      await db.query('CREATE TABLE files_table AS SELECT 7 AS v');
      // The app's listener: reload every open file's table (here: one table) in the new engine.
      db.onRestart(() => {
        void db.query('CREATE TABLE files_table AS SELECT 7 AS v');
      });
      await db.query('SELECT 0', { channel: 'writer', cache: false });
      const restarted = nextRestart(db);
      // The worker handles messages in order: it dies before it answers the queries sent after.
      crashWorker();
      const read = db.query('SELECT 1 AS in_flight', { cache: false });
      const write = rejection(db.query('CREATE TABLE w AS SELECT 1 AS x', { channel: 'writer' }));
      // A write that may have run is not run twice: it fails and says why.
      const error = await write;
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/restarted/);
      // A read-only query is simply answered by the new engine.
      expect((await read).table.getChild('in_flight')?.get(0)).toBe(1);
      const event = await restarted;
      expect(event.reason).toBe('crashed');
      expect(event.detail).toMatch(/simulated DuckDB worker crash/);
      expect(workersStarted()).toBe(2);
      expect(await answer(db, 'SELECT 5')).toBe(5);
      await expect
        .poll(() => answer(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'files_table'"))
        .toBe(1n);
      expect(await answer(db, 'SELECT v FROM files_table')).toBe(7);
    } finally {
      await db.close();
    }
  });

  it('gives up after too many restarts in a row, with a message to reload', async () => {
    const { db, crashWorker } = await createCrashableNodeDb({ maxRestarts: 1 });
    try {
      let restarted = nextRestart(db);
      crashWorker();
      await restarted;
      restarted = nextRestart(db);
      crashWorker();
      await new Promise((r) => setTimeout(r, 300));
      const error = await rejection(db.query('SELECT 1'));
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/stopped working/);
      expect(error.hint).toMatch(/Reload the page/);
      void restarted;
    } finally {
      await db.close();
    }
  });
});

describe('restart on request', () => {
  it('replaces the engine, tells the listeners, and does not count toward giving up', async () => {
    const { db, workersStarted } = await createCrashableNodeDb({ maxRestarts: 1 });
    try {
      const reasons: string[] = [];
      db.onRestart((e) => reasons.push(e.reason));
      await db.restart();
      await db.restart();
      expect(reasons).toEqual(['requested', 'requested']);
      expect(workersStarted()).toBe(3);
      expect(await answer(db, 'SELECT 9')).toBe(9);
    } finally {
      await db.close();
    }
  });
});
