/**
 * Recomputing deadlines after a calendar or rule change touches only the
 * stages still pending: a feedback already given late stays late, an
 * investigation already submitted keeps its deadline. Both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

const SUBMIT = { findings: '经核实。', outcomeClass: 'no_fault', noFaultReason: 'none', handlingOpinion: '向客户解释说明。' };
const FEEDBACK = { feedback: { content: '感谢您的反馈，我们已核实处理。', method: 'phone' } };

async function act(env: TestEnv, user: string, id: string, action: string, body: unknown = {}) {
  const r = await call(env, user, 'POST', `/api/complaints/${id}/actions/${action}`, body);
  if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
}

async function due(env: TestEnv, id: string) {
  return env.ctx.db.kysely.selectFrom('complaints').select(['status', 'investigation_due_on', 'feedback_due_on']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function recomputeAudits(env: TestEnv, id: string) {
  const rows = await env.ctx.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'recompute_deadlines').execute();
  return rows.length;
}

describeEachDb('deadline recompute after a calendar change', (dialect) => {
  let env: TestEnv;
  const ids: Record<'fresh' | 'submitted' | 'answered', string> = { fresh: '', submitted: '', answered: '' };

  beforeAll(async () => {
    // Monday 2026-10-12: investigation due Wed 10-14, feedback due Thu 10-15.
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    for (const [key, phone] of [['fresh', '13800000001'], ['submitted', '13800000002'], ['answered', '13800000003']] as const) {
      const r = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ customerPhone: phone }));
      expect(r.body).toMatchObject({ investigationDueOn: '2026-10-14', feedbackDueOn: '2026-10-15' });
      ids[key] = r.body.id;
    }
    for (const id of [ids.submitted, ids.answered]) {
      await act(env, 'b1_manager', id, 'transfer');
      await act(env, 'b1_manager', id, 'submit', SUBMIT);
    }
    await act(env, 'b1_head', ids.answered, 'approve');
    await act(env, 'hq_head', ids.answered, 'approve');
    // Friday 10-16: feedback given one day late.
    env.clock.set('2026-10-16T02:00:00Z');
    await act(env, 'b1_manager', ids.answered, 'give_feedback', FEEDBACK);
  });
  afterAll(async () => env?.close());

  it('a holiday override moves only the deadlines still pending', async () => {
    const set = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-10-14', kind: 'holiday', name: '临时', reason: '补录' });
    expect(set.status).toBe(201);
    expect(set.body.recomputed).toBe(2);
    // Nothing done yet: both deadlines move a working day later.
    expect(await due(env, ids.fresh)).toMatchObject({ status: 'received', investigation_due_on: '2026-10-15', feedback_due_on: '2026-10-16' });
    // Opinion submitted: its investigation deadline was judged; only feedback moves.
    expect(await due(env, ids.submitted)).toMatchObject({ status: 'pending_approval', investigation_due_on: '2026-10-14', feedback_due_on: '2026-10-16' });
    // Feedback given late on 10-16 stays late: neither deadline is rewritten, nothing audited.
    expect(await due(env, ids.answered)).toMatchObject({ status: 'feedback_given', investigation_due_on: '2026-10-14', feedback_due_on: '2026-10-15' });
    expect(await recomputeAudits(env, ids.answered)).toBe(0);
    const q = await call(env, 'hq_head', 'GET', '/api/quarterly-analysis?quarter=2026Q4');
    expect(q.status).toBe(200);
    expect(q.body.compliance.feedback).toMatchObject({ onTime: 0, late: 1 });
  });

  it('a rule change in the settings also leaves judged stages alone', async () => {
    const r = await call(env, 'hq_admin', 'PUT', '/api/settings', { investigationWorkingDays: 5, feedbackWorkingDays: 6, reason: '制度调整' });
    expect(r.status).toBe(200);
    // With 10-14 off: working days 12, 13, 15, 16, 19, 20.
    expect(await due(env, ids.fresh)).toMatchObject({ investigation_due_on: '2026-10-19', feedback_due_on: '2026-10-20' });
    expect(await due(env, ids.submitted)).toMatchObject({ investigation_due_on: '2026-10-14', feedback_due_on: '2026-10-20' });
    expect(await due(env, ids.answered)).toMatchObject({ investigation_due_on: '2026-10-14', feedback_due_on: '2026-10-15' });
    expect(await recomputeAudits(env, ids.answered)).toBe(0);
  });
});
