/** The retention job tells HQ once per batch when a batch's retention period has ended. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runRetentionWatch } from '../src/jobs/retention-watch.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, driveToClosed } from './fixtures/records-flow.js';

describeEachDb('retention watch job', (dialect) => {
  let env: TestEnv;
  let batchNumber: string;

  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const units = (await call(env, 'hq_head', 'GET', '/api/units')).body.items;
    const b1 = units.find((u: any) => u.code === 'B01').id;
    const id = await accept(env, 'b1_clerk');
    await driveToClosed(env, id, 'b1');
    env.clock.set('2026-11-03T02:00:00Z');
    const batch = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'paper', location: '档案柜' });
    expect(batch.status).toBe(201);
    batchNumber = batch.body.number;
  });
  afterAll(() => env?.close());

  it('says nothing before the retention date', async () => {
    expect(await runRetentionWatch(env.ctx, new Date('2031-11-02T02:00:00Z'))).toBe(0);
  });

  it('notifies HQ heads and complaint managers once the batch is due, and only once', async () => {
    env.clock.set('2031-11-04T02:00:00Z');
    env.forgetLogins();
    expect(await runRetentionWatch(env.ctx, env.clock.now())).toBe(2);
    expect(await runRetentionWatch(env.ctx, env.clock.now())).toBe(0);
    const inbox = await call(env, 'hq_head', 'GET', '/api/notifications');
    const items = inbox.body.items.filter((n: any) => n.kind === 'retention_due');
    expect(items).toHaveLength(1);
    expect(items[0].title).toContain(batchNumber);
    const branch = await call(env, 'b1_head', 'GET', '/api/notifications');
    expect(branch.body.items.filter((n: any) => n.kind === 'retention_due')).toHaveLength(0);
  });
});

describeEachDb('retention by record type', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
  });
  afterAll(() => env?.close());

  it('a batch holding a regulator transfer is kept as long as that record type requires', async () => {
    const units = (await call(env, 'hq_head', 'GET', '/api/units')).body.items;
    const b1 = units.find((u: any) => u.code === 'B01').id;
    const b2 = units.find((u: any) => u.code === 'B02').id;
    const set = await call(env, 'hq_head', 'PUT', '/api/settings', { retentionYearsRegulatorTransfer: 20, reason: '监管转办件保存二十年' });
    expect(set.status).toBe(200);
    const ordinary = await accept(env, 'b1_clerk');
    const transferred = await accept(env, 'b2_clerk', { channel: 'regulator_transfer', regulatorCaseNumber: '12386-2026-0001' });
    await driveToClosed(env, ordinary, 'b1');
    await driveToClosed(env, transferred, 'b2');
    env.clock.set('2026-11-03T02:00:00Z');
    const plain = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'paper', location: '档案柜' });
    const long = await call(env, 'b2_manager', 'POST', '/api/archive-batches', { unitId: b2, month: '2026-10', medium: 'disc', location: '档案柜' });
    expect(plain.body.retainUntil).toBe('2031-11-03');
    expect(long.body.retainUntil).toBe('2046-11-03');
    expect(long.body.retentionYears).toBe(20);
  });
});
