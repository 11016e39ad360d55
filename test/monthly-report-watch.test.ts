/**
 * The monthly report watch with a fixed clock on both databases: a branch that
 * has not submitted last month's report hears on the due day (complaint
 * managers and branch head) and once overdue (plus HQ's head); a submitted
 * branch hears nothing; re-runs never notify twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runMonthlyReportWatch } from '../src/jobs/monthly-report-watch.js';
import { JOBS } from '../src/jobs/registry.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

const USERS = ['b1_manager', 'b1_head', 'b1_clerk', 'b2_manager', 'b2_head', 'b2_clerk', 'hq_head', 'hq_manager'] as const;

/** Monthly report notifications per user as "kind event_key". */
async function reportInbox(env: TestEnv): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const u of USERS) {
    const id = (await env.actor(u)).id;
    const rows = await env.ctx.db.kysely.selectFrom('notifications').select(['kind', 'event_key']).where('user_id', '=', id).where('event_key', 'like', 'monthly_report:%').orderBy('event_key').execute();
    out[u] = rows.filter((r) => !r.event_key.endsWith(':draft')).map((r) => `${r.kind} ${r.event_key}`);
  }
  return out;
}

describeEachDb('monthly report watch', (dialect) => {
  let env: TestEnv;
  let b1: string;
  let b2: string;
  beforeAll(async () => {
    // Tuesday 2026-11-03: the October report is due on the 3rd trading day of November, Wednesday 11-04.
    env = await makeEnv(dialect, { now: '2026-11-03T02:00:00Z' });
    const units = await env.ctx.db.kysely.selectFrom('units').select(['id', 'code']).execute();
    b1 = units.find((u) => u.code === 'B01')!.id;
    b2 = units.find((u) => u.code === 'B02')!.id;
  });
  afterAll(async () => env?.close());

  it('is registered as a scheduled job', () => {
    expect(JOBS.map((j) => j.name)).toContain('monthly-report-watch');
  });

  it('says nothing before the due day', async () => {
    const r = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(r).toEqual({ month: '2026-10', dueOn: '2026-11-04', state: 'not_due', missing: 0, created: 0 });
    expect(Object.values(await reportInbox(env)).flat()).toEqual([]);
    // B01 submits on time; B02 does not.
    const sub = await call(env, 'b1_manager', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(sub.status).toBe(200);
  });

  it('on the due day reminds the branch without a submitted report, once', async () => {
    env.clock.set('2026-11-04T02:00:00Z');
    const r = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(r).toEqual({ month: '2026-10', dueOn: '2026-11-04', state: 'due_today', missing: 1, created: 2 });
    const inbox = await reportInbox(env);
    const key = `monthly_report:${b2}:2026-10:due_today`;
    expect(inbox.b2_manager).toEqual([`monthly_report_due ${key}`]);
    expect(inbox.b2_head).toEqual([`monthly_report_due ${key}`]);
    for (const u of ['b1_manager', 'b1_head', 'b1_clerk', 'b2_clerk', 'hq_head', 'hq_manager']) expect(inbox[u]).toEqual([]);
    const list = await call(env, 'b2_manager', 'GET', '/api/notifications');
    expect(list.body.items[0].title).toContain('2026-10 投诉月报今日到期');

    const again = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(again).toMatchObject({ state: 'due_today', missing: 1, created: 0 });
    expect(await reportInbox(env)).toEqual(inbox);
  });

  it('the day after (already 11-05 in Shanghai, still 11-04 in Los Angeles) escalates to HQ’s head, once', async () => {
    env.clock.set('2026-11-04T17:30:00Z');
    const r = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(r).toEqual({ month: '2026-10', dueOn: '2026-11-04', state: 'overdue', missing: 1, created: 3 });
    const inbox = await reportInbox(env);
    const overdue = `monthly_report_overdue monthly_report:${b2}:2026-10:overdue`;
    expect(inbox.b2_manager).toContain(overdue);
    expect(inbox.b2_head).toContain(overdue);
    expect(inbox.hq_head).toEqual([overdue]);
    for (const u of ['b1_manager', 'b1_head', 'b1_clerk', 'b2_clerk', 'hq_manager']) expect(inbox[u]).toEqual([]);

    const again = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(again.created).toBe(0);
    expect(await reportInbox(env)).toEqual(inbox);
  });

  it('stops chasing once the report is submitted late', async () => {
    env.clock.set('2026-11-06T02:00:00Z');
    const sub = await call(env, 'b2_manager', 'POST', `/api/monthly-reports/${b2}/2026-10/submit`);
    expect(sub.status).toBe(200);
    const before = await reportInbox(env);
    const r = await runMonthlyReportWatch(env.ctx, env.clock.now());
    expect(r).toMatchObject({ state: 'overdue', missing: 0, created: 0 });
    expect(await reportInbox(env)).toEqual(before);
  });
});
