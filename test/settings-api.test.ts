import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

describeEachDb('company settings', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('starts from the measures: 3 and 4 working days, report by the 3rd trading day, 5-year retention', async () => {
    const r = await call(env, 'b1_clerk', 'GET', '/api/settings');
    expect(r.body.values).toEqual({ investigationWorkingDays: 3, feedbackWorkingDays: 4, monthlyReportTradingDays: 3, retentionYears: 5, retentionYearsRegulatorTransfer: 5, retentionYearsMalicious: 5, hotspotThreshold: 3, hotspotTopPercent: 0 });
  });

  it('refuses a change without permission, reason or in range, changing nothing', async () => {
    expect((await call(env, 'b1_head', 'PUT', '/api/settings', { feedbackWorkingDays: 5, reason: 'x' })).status).toBe(403);
    const noReason = await call(env, 'hq_admin', 'PUT', '/api/settings', { feedbackWorkingDays: 5 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const range = await call(env, 'hq_admin', 'PUT', '/api/settings', { feedbackWorkingDays: 0, reason: 'x' });
    expect(range.status).toBe(400);
    expect(range.body.field).toBe('feedbackWorkingDays');
    expect((await call(env, 'b1_clerk', 'GET', '/api/settings')).body.values.feedbackWorkingDays).toBe(4);
  });

  it('a stricter company rule recomputes open complaints and applies to new ones; closed ones keep theirs', async () => {
    const open = (await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm())).body;
    expect(open.feedbackDueOn).toBe('2026-12-03');
    const withdrawn = (await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm())).body;
    await call(env, 'b1_manager', 'POST', `/api/complaints/${withdrawn.id}/actions/withdraw`, { reason: '客户撤回' });
    const r = await call(env, 'hq_head', 'PUT', '/api/settings', { feedbackWorkingDays: 3, reason: '公司服务标准提高' });
    expect(r.status).toBe(200);
    expect((await call(env, 'b1_clerk', 'GET', `/api/complaints/${open.id}`)).body.feedbackDueOn).toBe('2026-12-02');
    expect((await call(env, 'b1_clerk', 'GET', `/api/complaints/${withdrawn.id}`)).body.feedbackDueOn).toBe('2026-12-03');
    const h = await call(env, 'b1_clerk', 'GET', `/api/complaints/${open.id}/history`);
    expect(h.body.items.map((i: any) => i.action)).toContain('recompute_deadlines');
    const fresh = (await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm())).body;
    expect(fresh.feedbackDueOn).toBe('2026-12-02');
    await call(env, 'hq_head', 'PUT', '/api/settings', { feedbackWorkingDays: 4, reason: '恢复' });
  });
});
