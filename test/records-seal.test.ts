/** Sealing a month: the batch of month M holds exactly the complaints closed or withdrawn in M (Asia/Shanghai); withdrawn complaints are archived too. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, driveToClosed } from './fixtures/records-flow.js';

describeEachDb('sealing takes the complaints finished in the month', (dialect) => {
  let env: TestEnv;
  let b1: string;
  let octClosed: string;
  let octWithdrawn: string;
  let novClosed: string;

  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const list = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    b1 = (Array.isArray(list) ? list : list.items).find((u: any) => u.code === 'B01').id;
    octClosed = await accept(env, 'b1_clerk', { customerName: '十月办结' });
    await driveToClosed(env, octClosed, 'b1');
    octWithdrawn = await accept(env, 'b1_clerk', { customerName: '十月撤回' });
    const w = await call(env, 'b1_manager', 'POST', `/api/complaints/${octWithdrawn}/actions/withdraw`, { reason: '客户书面撤回投诉' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    novClosed = await accept(env, 'b1_clerk', { customerName: '十一月办结' });
    // 2026-10-31 17:00 UTC is 1 November 01:00 in Shanghai: a November close.
    env.clock.set('2026-10-31T17:00:00Z');
    env.forgetLogins();
    await driveToClosed(env, novClosed, 'b1');
    env.clock.set('2026-12-02T02:00:00Z');
    env.forgetLogins();
  });
  afterAll(() => env?.close());

  const statusOf = async (id: string) => (await env.ctx.db.kysely.selectFrom('complaints').select(['status', 'archive_batch_id', 'withdrawn_reason']).where('id', '=', id).executeTakeFirstOrThrow());

  it('sealing November first takes only November\'s complaint; October\'s stay out', async () => {
    const r = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-11', medium: 'disc', location: '档案室' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.complaintCount).toBe(1);
    const detail = (await call(env, 'b1_manager', 'GET', `/api/archive-batches/${r.body.id}`)).body;
    expect(detail.complaints.map((c: any) => c.id)).toEqual([novClosed]);
    expect((await statusOf(octClosed)).status).toBe('closed');
    expect((await statusOf(octWithdrawn)).status).toBe('withdrawn');
  });

  it('October can still be sealed afterwards and archives the closed and the withdrawn complaint', async () => {
    const r = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'paper', location: '档案室' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.complaintCount).toBe(2);
    const detail = (await call(env, 'b1_manager', 'GET', `/api/archive-batches/${r.body.id}`)).body;
    expect(detail.complaints.map((c: any) => c.id).sort()).toEqual([octClosed, octWithdrawn].sort());
    const w = await statusOf(octWithdrawn);
    expect(w).toEqual({ status: 'archived', archive_batch_id: r.body.id, withdrawn_reason: '客户书面撤回投诉' });
    expect((await statusOf(octClosed)).status).toBe('archived');
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').select(['from_status', 'to_status']).where('entity_id', '=', octWithdrawn).where('action', '=', 'archive').execute();
    expect(audit).toEqual([{ from_status: 'withdrawn', to_status: 'archived' }]);
  });

  it('a month with nothing finished in it is refused with 409 and writes nothing', async () => {
    const r = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-09', medium: 'paper', location: '档案室' });
    expect(r.status).toBe(409);
    expect(await env.ctx.db.kysely.selectFrom('archive_batches').select('month').where('month', '=', '2026-09').execute()).toEqual([]);
  });
});
