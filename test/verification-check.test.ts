/** Ch. 5 item 4: a callback record better than the customer's own answer is flagged and HQ is told. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

const satisfied = { satisfaction: 'satisfied', rectificationDone: true, rectificationEffective: true, handlingProper: true };

async function toVerifying(env: TestEnv): Promise<{ id: string; code: string }> {
  const c = (await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ customerPhone: '13812340000' }))).body;
  const act = (u: string, a: string, body: unknown = {}) => call(env, u, 'POST', `/api/complaints/${c.id}/actions/${a}`, body);
  await act('b1_manager', 'transfer');
  await act('b1_manager', 'submit', { findings: '已核实', outcomeClass: 'no_fault', noFaultReason: 'none', handlingOpinion: '向客户解释' });
  await act('b1_head', 'approve');
  await act('hq_head', 'approve');
  await act('b1_manager', 'give_feedback', { feedback: { content: '已向您说明情况。', method: 'phone' } });
  const r = await act('b1_manager', 'request_verification');
  expect(r.body.status).toBe('verifying');
  return { id: c.id, code: r.body.trackingCode };
}

const survey = (env: TestEnv, code: string, satisfaction: string) =>
  env.app.inject({ method: 'POST', url: '/api/portal/survey', payload: { code, phoneLast4: '0000', satisfaction } });

describeEachDb('callback record against the customer’s own answer', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('flags a "satisfied" callback when the customer had answered "dissatisfied", and tells HQ', async () => {
    const { id, code } = await toVerifying(env);
    expect((await survey(env, code, 'dissatisfied')).statusCode).toBe(201);
    const closed = await call(env, 'b1_manager', 'POST', `/api/complaints/${id}/actions/close`, { callback: satisfied });
    expect(closed.body).toMatchObject({ status: 'closed', verificationFlagged: true });
    const history = await call(env, 'hq_head', 'GET', `/api/complaints/${id}/history`);
    expect(history.body.items.map((i: any) => i.action)).toContain('verification_discrepancy');
    const inbox = await call(env, 'hq_head', 'GET', '/api/notifications');
    expect(inbox.body.items.some((n: any) => n.kind === 'verification_discrepancy' && n.complaintId === id)).toBe(true);
  });

  it('flags it too when the customer answers after the case was closed', async () => {
    const { id, code } = await toVerifying(env);
    const closed = await call(env, 'b1_manager', 'POST', `/api/complaints/${id}/actions/close`, { callback: satisfied });
    expect(closed.body.verificationFlagged).toBe(false);
    expect((await survey(env, code, 'basically_satisfied')).statusCode).toBe(201);
    expect((await call(env, 'hq_head', 'GET', `/api/complaints/${id}`)).body.verificationFlagged).toBe(true);
  });

  it('does not flag matching answers', async () => {
    const { id, code } = await toVerifying(env);
    await survey(env, code, 'satisfied');
    const closed = await call(env, 'b1_manager', 'POST', `/api/complaints/${id}/actions/close`, { callback: satisfied });
    expect(closed.body.verificationFlagged).toBe(false);
  });
});
