/** Retention and destruction: legal holds block it, an HQ head other than the requester approves it, personal data goes, a tombstone stays. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, driveToClosed } from './fixtures/records-flow.js';

describeEachDb('retention and destruction', (dialect) => {
  let env: TestEnv;
  let b1: string;
  let b2: string;
  let batch1: string;
  let batch2: string;
  let c1: string;
  let c2: string;
  let number1: string;
  let attFile: string;

  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const units = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    const list = Array.isArray(units) ? units : units.items;
    b1 = list.find((u: any) => u.code === 'B01').id;
    b2 = list.find((u: any) => u.code === 'B02').id;
    c1 = await accept(env, 'b1_clerk', { customerName: '赵六', customerPhone: '13700000001', idNumber: '410105198001011111', accountNumber: '880012345678' });
    c2 = await accept(env, 'b1_clerk', { customerName: '钱七', customerPhone: '13700000002' });
    const c3 = await accept(env, 'b2_clerk', { customerName: '孙八' });
    for (const [id, p] of [[c1, 'b1'], [c2, 'b1'], [c3, 'b2']] as const) await driveToClosed(env, id, p);
    attFile = join(env.ctx.dataDir, 'attachments', 'k', 'id-copy.jpg');
    await mkdir(join(env.ctx.dataDir, 'attachments', 'k'), { recursive: true });
    await writeFile(attFile, 'JPEGDATA');
    await env.ctx.db.kysely.insertInto('attachments').values({ id: 'att-r-1', complaint_id: c1, filename: '赵六身份证.jpg', content_type: 'image/jpeg', size: 8, sha256: createHash('sha256').update('JPEGDATA').digest('hex'), storage_key: 'k/id-copy.jpg', uploaded_by: null, created_at: env.clock.now().toISOString(), erased_at: null }).execute();
    env.clock.set('2026-11-03T02:00:00Z');
    batch1 = (await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'paper', location: '营业部档案柜' })).body.id;
    batch2 = (await call(env, 'b2_manager', 'POST', '/api/archive-batches', { unitId: b2, month: '2026-10', medium: 'disc', location: '营业部档案柜' })).body.id;
    number1 = (await call(env, 'hq_head', 'GET', `/api/complaints/${c1}`)).body.number;
  });
  afterAll(() => env?.close());

  it('keeps retention configurable by HQ, five years by default', async () => {
    expect((await call(env, 'hq_head', 'GET', '/api/settings')).body.values).toMatchObject({ retentionYears: 5, hotspotThreshold: 3 });
    expect((await call(env, 'b1_head', 'PUT', '/api/settings', { retentionYears: 20, reason: '监管要求' })).status).toBe(403);
    expect((await call(env, 'hq_head', 'PUT', '/api/settings', { retentionYears: 0, reason: '监管要求' })).status).toBe(400);
    const r = await call(env, 'hq_head', 'PUT', '/api/settings', { retentionYears: 20, reason: '监管要求' });
    expect(r.body.values.retentionYears).toBe(20);
    // Batches already sealed keep the period they were sealed with.
    expect((await call(env, 'hq_head', 'GET', `/api/archive-batches/${batch1}`)).body.retainUntil).toBe('2031-11-03');
    await call(env, 'hq_head', 'PUT', '/api/settings', { retentionYears: 5, reason: '恢复' });
  });

  it('lists nothing as due before the retention period ends and refuses an early request', async () => {
    env.clock.set('2031-11-02T02:00:00Z');
    expect((await call(env, 'hq_head', 'GET', '/api/retention/due')).body.items).toEqual([]);
    const r = await call(env, 'hq_manager', 'POST', '/api/destruction-requests', { batchId: batch1, reason: '保管期满' });
    expect(r.status).toBe(409);
    expect(await env.ctx.db.kysely.selectFrom('destruction_requests').selectAll().execute()).toEqual([]);
  });

  it('a legal hold on a complaint refuses the request with 409 naming the complaint', async () => {
    env.clock.set('2031-11-04T02:00:00Z');
    const due = await call(env, 'hq_head', 'GET', '/api/retention/due');
    expect(due.body.items.map((b: any) => b.number).sort()).toEqual(['GD-B01-202610', 'GD-B02-202610']);
    expect((await call(env, 'b1_manager', 'POST', `/api/complaints/${c1}/legal-hold`, { hold: true, reason: '诉讼' })).status).toBe(403);
    const hold = await call(env, 'legal', 'POST', `/api/complaints/${c1}/legal-hold`, { hold: true, reason: '客户已起诉，证据保全' });
    expect(hold.status, JSON.stringify(hold.body)).toBe(200);
    expect(hold.body.legalHold).toBe(true);
    expect((await call(env, 'hq_head', 'GET', '/api/retention/due')).body.items.find((b: any) => b.id === batch1).heldComplaints).toEqual([number1]);
    const r = await call(env, 'hq_manager', 'POST', '/api/destruction-requests', { batchId: batch1, reason: '保管期满' });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain(number1);
    expect(r.body.details.numbers).toEqual([number1]);
    expect(await env.ctx.db.kysely.selectFrom('destruction_requests').selectAll().execute()).toEqual([]);
    expect((await call(env, 'b1_manager', 'POST', '/api/destruction-requests', { batchId: batch1, reason: '保管期满' })).status).toBe(403);
  });

  let requestId: string;
  it('a hold placed after the request blocks the approval, and nothing is erased', async () => {
    await call(env, 'legal', 'POST', `/api/complaints/${c1}/legal-hold`, { hold: false, reason: '诉讼已结案' });
    const r = await call(env, 'hq_manager', 'POST', '/api/destruction-requests', { batchId: batch1, reason: '保管期满，按公司档案管理规定销毁' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    requestId = r.body.id;
    expect((await call(env, 'hq_manager', 'POST', '/api/destruction-requests', { batchId: batch1, reason: '重复' })).status).toBe(409);
    await call(env, 'hq_head', 'POST', `/api/archive-batches/${batch1}/legal-hold`, { hold: true, reason: '监管检查' });
    const blocked = await call(env, 'hq_head', 'POST', `/api/destruction-requests/${requestId}/approve`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('GD-B01-202610');
    const row = await env.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', c1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'archived', customer_name: '赵六', customer_phone: '13700000001' });
    expect(existsSync(attFile)).toBe(true);
    expect((await env.ctx.db.kysely.selectFrom('destruction_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status).toBe('pending');
    await call(env, 'hq_head', 'POST', `/api/archive-batches/${batch1}/legal-hold`, { hold: false, reason: '检查结束' });
  });

  it('only an HQ head who did not request it may approve', async () => {
    expect((await call(env, 'hq_manager', 'POST', `/api/destruction-requests/${requestId}/approve`)).status).toBe(403);
    expect((await call(env, 'b1_head', 'POST', `/api/destruction-requests/${requestId}/approve`)).status).toBe(403);
    const own = await call(env, 'hq_head', 'POST', '/api/destruction-requests', { batchId: batch2, reason: '保管期满' });
    expect(own.status).toBe(201);
    const self = await call(env, 'hq_head', 'POST', `/api/destruction-requests/${own.body.id}/approve`);
    expect(self.status).toBe(403);
    expect((await env.ctx.db.kysely.selectFrom('complaints').select('status').where('accepting_unit_id', '=', b2).executeTakeFirstOrThrow()).status).toBe('archived');
  });

  it('destruction erases personal data and attachments, keeps a tombstone and a log', async () => {
    const r = await call(env, 'hq_head', 'POST', `/api/destruction-requests/${requestId}/approve`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'executed', complaintsDestroyed: 2, filesDeleted: 1 });
    expect(existsSync(attFile)).toBe(false);
    const c = await call(env, 'hq_head', 'GET', `/api/complaints/${c1}?reveal=true`);
    expect(c.body).toMatchObject({ status: 'destroyed', number: number1, acceptedOn: '2026-10-12', acceptingUnitId: b1, customerPhone: null, idNumber: null, accountNumber: null });
    expect(c.body.investigation.outcomeClass).toBe('no_fault');
    const raw = await env.ctx.db.kysely.selectFrom('complaints').selectAll().where('archive_batch_id', '=', batch1).execute();
    const text = JSON.stringify(raw);
    for (const s of ['赵六', '钱七', '13700000001', '410105198001011111', '880012345678', '柜员态度', '感谢您的反馈']) expect(text, s).not.toContain(s);
    const att = await env.ctx.db.kysely.selectFrom('attachments').selectAll().where('id', '=', 'att-r-1').executeTakeFirstOrThrow();
    expect(att.erased_at).not.toBeNull();
    expect(att.filename).not.toContain('赵六');
    const log = await call(env, 'hq_head', 'GET', `/api/destruction-log?batchId=${batch1}`);
    expect(log.body.items.map((i: any) => i.complaintNumber).sort()).toEqual(raw.map((x) => x.number).sort());
    expect(log.body.items.find((i: any) => i.complaintId === c1).attachmentsErased).toBe(1);
    const h = await call(env, 'hq_head', 'GET', `/api/complaints/${c1}/history`);
    expect(h.body.items.find((i: any) => i.action === 'destroy')).toMatchObject({ action: 'destroy', fromStatus: 'archived', toStatus: 'destroyed' });
    expect((await call(env, 'hq_head', 'GET', `/api/archive-batches/${batch1}`)).body.destroyedAt).not.toBeNull();
    expect((await call(env, 'hq_head', 'GET', '/api/retention/due')).body.items.map((b: any) => b.id)).toEqual([batch2]);
    expect((await call(env, 'hq_head', 'POST', `/api/destruction-requests/${requestId}/approve`)).status).toBe(409);
    expect((await call(env, 'legal', 'POST', `/api/complaints/${c1}/legal-hold`, { hold: true, reason: 'x' })).status).toBe(409);
  });
});
