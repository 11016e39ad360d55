/**
 * The deadline monitor with a fixed clock on both databases: who is told what
 * (manager; branch head and HQ head when overdue), no duplicates across runs
 * or concurrent runs on PostgreSQL, email after commit, the inbox API and the
 * per-branch deadline dashboard.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../src/db/database.js';
import { runDeadlineMonitor } from '../src/jobs/deadline-monitor.js';
import { runJobOnce, slotOf } from '../src/jobs/scheduler.js';
import { JOBS } from '../src/jobs/registry.js';
import { createContext } from '../src/server/bootstrap.js';
import { startSmtpSink, type SmtpSink } from './fixtures/smtp-sink.js';
import { call, describeEachDb, makeEnv, PG_URL, recordForm, type TestEnv } from './harness.js';

async function userId(env: TestEnv, username: string): Promise<string> {
  return (await env.actor(username)).id;
}

/** Notifications of a user as {kind, complaintId, key} rows, in a stable order. */
async function inboxOf(env: TestEnv, username: string) {
  const id = await userId(env, username);
  const rows = await env.ctx.db.kysely.selectFrom('notifications').select(['kind', 'complaint_id', 'event_key', 'sent_at', 'email_to']).where('user_id', '=', id).orderBy('event_key').execute();
  return rows;
}

const accept = async (env: TestEnv, clerk: string, overrides: Record<string, unknown> = {}) => {
  const r = await call(env, clerk, 'POST', '/api/complaints', recordForm(overrides));
  if (r.status !== 201) throw new Error(`accept failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; number: string; investigationDueOn: string; feedbackDueOn: string };
};

/**
 * Today is Monday 2026-11-30 (Shanghai).
 * - dueToday: B01, accepted Thu 11-26 and transferred (late) to b1_manager: investigation due today, feedback due Tue 12-01.
 * - late: B01, accepted Tue 11-24, never transferred: both deadlines overdue, transfer late.
 * - fresh: B02, accepted today, not transferred: nothing due yet.
 */
async function scenario(env: TestEnv) {
  const dueToday = await accept(env, 'b1_clerk', { acceptedOn: '2026-11-26', backdateReason: '补录纸质记录表', customerName: '今日到期' });
  expect(dueToday).toMatchObject({ investigationDueOn: '2026-11-30', feedbackDueOn: '2026-12-01' });
  const t = await call(env, 'b1_manager', 'POST', `/api/complaints/${dueToday.id}/actions/transfer`, {});
  expect(t.status).toBe(200);
  const late = await accept(env, 'b1_clerk', { acceptedOn: '2026-11-24', backdateReason: '补录纸质记录表', customerName: '已逾期' });
  expect(late).toMatchObject({ investigationDueOn: '2026-11-26', feedbackDueOn: '2026-11-27' });
  const fresh = await accept(env, 'b2_clerk', { customerName: '新受理' });
  return { dueToday, late, fresh };
}

describeEachDb('deadline monitor', (dialect) => {
  describe('notifications', () => {
    let env: TestEnv;
    let sink: SmtpSink;
    let s: Awaited<ReturnType<typeof scenario>>;
    beforeAll(async () => {
      sink = await startSmtpSink();
      env = await makeEnv(dialect, { mailer: sink.mailer });
      s = await scenario(env);
    });
    afterAll(async () => {
      await env?.close();
      await sink?.close();
    });

    it('tells the manager what is due today and tomorrow, and escalates overdue items', async () => {
      const r = await runDeadlineMonitor(env.ctx, env.clock.now());
      expect(r.today).toBe('2026-11-30');

      const mgr = await inboxOf(env, 'b1_manager');
      const mine = (id: string) => mgr.filter((n) => n.complaint_id === id).map((n) => n.kind).sort();
      expect(mine(s.dueToday.id)).toEqual(['due_today', 'due_tomorrow']);
      expect(mgr.find((n) => n.complaint_id === s.dueToday.id && n.kind === 'due_today')!.event_key).toContain(':investigation:');
      // No manager assigned yet: the handling branch's complaint manager is responsible.
      expect(mine(s.late.id)).toEqual(['overdue', 'overdue', 'transfer_late']);

      // One level up only for what is overdue or transferred late.
      for (const head of ['b1_head', 'hq_head']) {
        const inbox = await inboxOf(env, head);
        expect(inbox.map((n) => n.complaint_id)).not.toContain(s.dueToday.id);
        expect(inbox.filter((n) => n.complaint_id === s.late.id).map((n) => n.kind).sort()).toEqual(['overdue', 'overdue', 'transfer_late']);
      }
      for (const other of ['b2_manager', 'b2_head', 'b1_clerk', 'hq_manager']) expect(await inboxOf(env, other)).toEqual([]);
      expect(r.created).toBe(2 + 3 * 3);
    });

    it('sends each notification by email once, after it is stored', async () => {
      expect(sink.received).toHaveLength(11);
      const toManager = sink.received.filter((m) => JSON.stringify(m.to).includes('b1_manager@example.com'));
      expect(toManager).toHaveLength(5);
      expect(toManager.map((m) => m.subject).join('\n')).toContain('调查核实今日到期');
      const mgr = await inboxOf(env, 'b1_manager');
      expect(mgr.every((n) => n.sent_at !== null && n.email_to === 'b1_manager@example.com')).toBe(true);
    });

    it('sends nothing twice when run again the same day', async () => {
      const before = await env.ctx.db.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const again = await runDeadlineMonitor(env.ctx, env.clock.now());
      expect(again).toMatchObject({ created: 0, emailed: 0 });
      expect(again.events).toBeGreaterThan(0);
      const after = await env.ctx.db.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect(sink.received).toHaveLength(11);
    });

    it('the next day: the missed investigation escalates and the untransferred B02 complaint is reported', async () => {
      env.clock.set('2026-12-01T01:00:00Z'); // 09:00 in Shanghai, still Nov 30 in Los Angeles
      try {
        await runDeadlineMonitor(env.ctx, env.clock.now());
      } finally {
        env.clock.set('2026-11-30T02:00:00Z');
      }
      const head = await inboxOf(env, 'b1_head');
      expect(head.filter((n) => n.complaint_id === s.dueToday.id).map((n) => n.kind)).toEqual(['overdue']);
      // Its investigation is now due on the next working day (12-02), which only its manager hears.
      const b2 = await inboxOf(env, 'b2_manager');
      expect(b2.map((n) => n.kind)).toEqual(['due_tomorrow', 'transfer_late']);
      expect((await inboxOf(env, 'b2_head')).map((n) => n.kind)).toEqual(['transfer_late']);
      const hq = await inboxOf(env, 'hq_head');
      expect(hq.filter((n) => n.complaint_id === s.fresh.id).map((n) => n.kind)).toEqual(['transfer_late']);
      // b1_head never hears about B02.
      expect(head.map((n) => n.complaint_id)).not.toContain(s.fresh.id);
    });

    it('serves the inbox: mine only, unread first, mark read, read all', async () => {
      const list = await call(env, 'b2_manager', 'GET', '/api/notifications');
      expect(list.status).toBe(200);
      expect(list.body.unread).toBe(2);
      const b1 = await call(env, 'b1_manager', 'GET', '/api/notifications');
      const total = b1.body.items.length;
      expect(b1.body.unread).toBe(total);
      const first = b1.body.items[0];
      expect(first).toMatchObject({ read: false });
      expect(first.title).toMatch(/B01-/);

      // Someone else's notification is not found.
      const foreign = await call(env, 'b2_manager', 'POST', `/api/notifications/${first.id}/read`);
      expect(foreign.status).toBe(404);
      expect((await call(env, 'b1_manager', 'GET', '/api/notifications')).body.unread).toBe(total);

      const read = await call(env, 'b1_manager', 'POST', `/api/notifications/${first.id}/read`);
      expect(read.status).toBe(200);
      const afterOne = await call(env, 'b1_manager', 'GET', '/api/notifications');
      expect(afterOne.body.unread).toBe(total - 1);
      expect(afterOne.body.items.at(-1)).toMatchObject({ id: first.id, read: true });
      expect(afterOne.body.items.slice(0, -1).every((n: any) => !n.read)).toBe(true);

      const all = await call(env, 'b1_manager', 'POST', '/api/notifications/read-all');
      expect(all.body.updated).toBe(total - 1);
      expect((await call(env, 'b1_manager', 'GET', '/api/notifications')).body.unread).toBe(0);
      expect((await call(env, 'b2_manager', 'GET', '/api/notifications')).body.unread).toBe(2);
      expect((await env.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    });

    it('dashboard counts and lists are scoped per branch', async () => {
      const b1 = await call(env, 'b1_manager', 'GET', '/api/dashboard/deadlines');
      expect(b1.status).toBe(200);
      expect(b1.body).toMatchObject({ today: '2026-11-30', dueSoonUntil: '2026-12-02', counts: { dueToday: 1, dueSoon: 1, overdue: 2, transferLate: 1 } });
      expect(b1.body.dueToday).toEqual([{ id: s.dueToday.id, number: s.dueToday.number, customerName: '今日到期', stage: 'investigation', dueOn: '2026-11-30', provisional: false }]);
      expect(b1.body.dueSoon).toEqual([expect.objectContaining({ id: s.dueToday.id, stage: 'feedback', dueOn: '2026-12-01' })]);
      expect(b1.body.overdue.map((x: any) => [x.id, x.stage, x.dueOn])).toEqual([
        [s.late.id, 'investigation', '2026-11-26'],
        [s.late.id, 'feedback', '2026-11-27'],
      ]);
      expect(b1.body.transferLate).toEqual([expect.objectContaining({ id: s.late.id, stage: 'transfer', dueOn: '2026-11-24' })]);

      // B02's fresh complaint is due 12-02 (investigation): within the next two working days.
      const b2 = await call(env, 'b2_clerk', 'GET', '/api/dashboard/deadlines');
      expect(b2.body.counts).toEqual({ dueToday: 0, dueSoon: 1, overdue: 0, transferLate: 0 });
      expect(b2.body.dueSoon[0]).toMatchObject({ id: s.fresh.id, stage: 'investigation', dueOn: '2026-12-02' });

      const hq = await call(env, 'hq_head', 'GET', '/api/dashboard/deadlines');
      expect(hq.body.counts).toEqual({ dueToday: 1, dueSoon: 2, overdue: 2, transferLate: 1 });
      expect((await env.app.inject({ method: 'GET', url: '/api/dashboard/deadlines' })).statusCode).toBe(401);
    });
  });

  it('never chases imported historical complaints nor lists them on the dashboard', async () => {
    const env = await makeEnv(dialect);
    try {
      // Both overdue and never transferred; the second one came in through a historical import.
      const live = await accept(env, 'b1_clerk', { acceptedOn: '2026-11-24', backdateReason: '补录纸质记录表', customerName: '在办' });
      const imported = await accept(env, 'b1_clerk', { acceptedOn: '2026-11-24', backdateReason: '补录纸质记录表', customerName: '历史导入', customerPhone: '13900009999' });
      await env.ctx.db.kysely.updateTable('complaints').set({ imported: 1 }).where('id', '=', imported.id).execute();

      const r = await runDeadlineMonitor(env.ctx, env.clock.now());
      expect(r.events).toBe(3);
      const rows = await env.ctx.db.kysely.selectFrom('notifications').select(['complaint_id']).execute();
      expect(rows.length).toBe(9);
      expect(rows.map((n) => n.complaint_id)).not.toContain(imported.id);

      for (const user of ['b1_manager', 'hq_head']) {
        const d = await call(env, user, 'GET', '/api/dashboard/deadlines');
        expect(d.body.counts).toMatchObject({ overdue: 2, transferLate: 1 });
        const ids = [...d.body.overdue, ...d.body.transferLate, ...d.body.dueToday, ...d.body.dueSoon].map((x: any) => x.id);
        expect(ids).toContain(live.id);
        expect(ids).not.toContain(imported.id);
      }
    } finally {
      await env.close();
    }
  });

  it.runIf(dialect === 'postgres')('two monitor runs at once on two app nodes produce exactly one notification per event', async () => {
    const env = await makeEnv(dialect);
    const [{ schema }] = (await sql<{ schema: string }>`select current_schema() as schema`.execute(env.ctx.db.kysely)).rows;
    const db2 = openDatabase(PG_URL, { pgSchema: schema });
    try {
      await migrate(db2); // nothing to do: same schema; proves the second node sees the same database
      const node2 = createContext(db2, { clock: env.clock });
      // Many events, so the two runs really overlap.
      for (let i = 0; i < 12; i++) await accept(env, i % 2 ? 'b1_clerk' : 'b2_clerk', { acceptedOn: '2026-11-24', backdateReason: '补录', customerName: `客户${i}` });
      const [a, b] = await Promise.all([runDeadlineMonitor(env.ctx, env.clock.now()), runDeadlineMonitor(node2, env.clock.now())]);
      // Each complaint: investigation overdue, feedback overdue, transfer late; to the branch manager, branch head and HQ head.
      const expected = 12 * 3 * 3;
      expect(a.events).toBe(36);
      expect(b.events).toBe(36);
      expect(a.created + b.created).toBe(expected);
      const rows = await env.ctx.db.kysely.selectFrom('notifications').select(['user_id', 'event_key']).execute();
      expect(rows).toHaveLength(expected);
      expect(new Set(rows.map((r) => `${r.user_id} ${r.event_key}`)).size).toBe(expected);

      // The scheduler's lease: of two nodes claiming the same slot, exactly one runs the job.
      const job = JOBS.find((j) => j.name === 'deadline-monitor')!;
      const now = new Date('2026-11-30T02:07:00Z');
      const ran = await Promise.all([runJobOnce(env.ctx, job, now, 'node-a'), runJobOnce(node2, job, now, 'node-b')]);
      expect(ran.filter(Boolean)).toHaveLength(1);
      const runs = await env.ctx.db.kysely.selectFrom('job_runs').selectAll().execute();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ job: 'deadline-monitor', slot: slotOf(now, 15) });
      expect(runs[0].finished_at).not.toBeNull();
      expect(runs[0].error).toBeNull();
      expect(await env.ctx.db.kysely.selectFrom('notifications').select('id').execute()).toHaveLength(expected);
    } finally {
      await db2.close();
      await env.close();
    }
  });

  it('the scheduler runs a job once per slot and again in the next slot', async () => {
    const env = await makeEnv(dialect);
    try {
      let runs = 0;
      const job = { name: 'probe', everyMinutes: 15, run: async () => void runs++ };
      const t = new Date('2026-11-30T02:00:00Z');
      expect(await runJobOnce(env.ctx, job, t)).toBe(true);
      expect(await runJobOnce(env.ctx, job, new Date(t.getTime() + 14 * 60_000))).toBe(false);
      expect(await runJobOnce(env.ctx, job, new Date(t.getTime() + 15 * 60_000))).toBe(true);
      expect(runs).toBe(2);
      // A failing run keeps its claim and records the error.
      const failing = { name: 'failing', everyMinutes: 15, run: async () => { throw new Error('boom'); } };
      await expect(runJobOnce(env.ctx, failing, t)).rejects.toThrow('boom');
      const row = await env.ctx.db.kysely.selectFrom('job_runs').selectAll().where('job', '=', 'failing').executeTakeFirstOrThrow();
      expect(row.error).toContain('boom');
      expect(await runJobOnce(env.ctx, failing, t)).toBe(false);
    } finally {
      await env.close();
    }
  });
});
