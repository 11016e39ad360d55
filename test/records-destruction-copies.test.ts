/** Destruction erases the customer's personal data everywhere it was copied: notifications, survey comments, intake mail, monthly report snapshots (the append-only audit log excepted). */
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDeadlineMonitor } from '../src/jobs/deadline-monitor.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, download, driveToClosed } from './fixtures/records-flow.js';

const NAME = '独特姓名王五';
const PHONE = '13812345678';
const ID_NO = '110101199001011234';

/** Every string cell of `table` that still holds the customer's name, phone or ID number (base64 snapshots decoded, XLSX unzipped). */
async function leaks(env: TestEnv, table: string): Promise<string[]> {
  const rows = await (env.ctx.db.kysely as any).selectFrom(table).selectAll().execute();
  const hits: string[] = [];
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v !== 'string') continue;
      let text = v;
      if (k.endsWith('_base64')) {
        const b = Buffer.from(v, 'base64');
        if (k.startsWith('xlsx')) {
          const z = await JSZip.loadAsync(b);
          text = '';
          for (const f of Object.keys(z.files)) text += await z.files[f].async('string');
        } else text = b.toString('latin1');
      }
      if (text.includes(NAME) || text.includes(PHONE) || text.includes(ID_NO)) hits.push(`${table}.${k}`);
    }
  }
  return hits;
}

const TABLES = ['complaints', 'notifications', 'monthly_reports', 'portal_surveys', 'intake_messages', 'callbacks', 'approvals', 'rectifications', 'accountability_actions', 'coordination_tasks', 'attachments', 'destruction_log'];

describeEachDb('destruction erases copies of personal data', (dialect) => {
  let env: TestEnv;
  let b1: string;
  let id: string;
  let batchId: string;

  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const list = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    b1 = (Array.isArray(list) ? list : list.items).find((u: any) => u.code === 'B01').id;
    id = await accept(env, 'b1_clerk', { customerName: NAME, customerPhone: PHONE, idNumber: ID_NO });
    // Overdue: the monitor writes notifications naming the customer.
    env.clock.set('2026-10-20T02:00:00Z');
    env.forgetLogins();
    await runDeadlineMonitor(env.ctx, env.clock.now());
    await env.ctx.db.kysely.insertInto('intake_messages').values({ message_id: '<m1@example.com>', complaint_id: id, mail_from: `${NAME} <wang5@example.com>`, rcpt_to: 'ts@example.com', received_at: env.clock.now().toISOString() }).execute();
    await driveToClosed(env, id, 'b1');
    const code = (await env.ctx.db.kysely.selectFrom('complaints').select('tracking_code').where('id', '=', id).executeTakeFirstOrThrow()).tracking_code;
    const s = await env.app.inject({ method: 'POST', url: '/api/portal/survey', payload: { code, phoneLast4: PHONE.slice(-4), satisfaction: 'satisfied', comment: `我是${NAME}，身份证${ID_NO}` } });
    expect(s.statusCode, s.body).toBe(201);
    env.clock.set('2026-11-03T02:00:00Z');
    env.forgetLogins();
    expect((await call(env, 'b1_manager', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`)).status).toBe(200);
    const seal = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'disc', location: '档案室' });
    expect(seal.status).toBe(201);
    batchId = seal.body.id;
  });
  afterAll(() => env?.close());

  it('before destruction the copies hold the personal data (so the scan can find it)', async () => {
    expect(await leaks(env, 'notifications')).not.toEqual([]);
    expect(await leaks(env, 'portal_surveys')).toEqual(['portal_surveys.comment']);
    expect(await leaks(env, 'intake_messages')).toEqual(['intake_messages.mail_from']);
    expect(await leaks(env, 'monthly_reports')).toContain('monthly_reports.xlsx_base64');
  });

  it('after destruction no table outside audit_log holds the name, phone or ID number', async () => {
    env.clock.set('2031-11-05T02:00:00Z');
    env.forgetLogins();
    const req = await call(env, 'hq_manager', 'POST', '/api/destruction-requests', { batchId, reason: '保管期满' });
    expect(req.status).toBe(201);
    const ap = await call(env, 'hq_head', 'POST', `/api/destruction-requests/${req.body.id}/approve`);
    expect(ap.status, JSON.stringify(ap.body)).toBe(200);
    for (const t of TABLES) expect(await leaks(env, t), t).toEqual([]);
    const notes = await env.ctx.db.kysely.selectFrom('notifications').select(['title', 'body']).where('complaint_id', '=', id).execute();
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n).toEqual({ title: '（已按保管期限销毁）', body: '（已按保管期限销毁）' });
    const log = (await call(env, 'hq_head', 'GET', `/api/destruction-log?batchId=${batchId}`)).body.items;
    expect(log).toHaveLength(1);
    expect(log[0].erased).toEqual({ notifications: notes.length, surveyComments: 1, intakeMessages: 1, monthlyReportSnapshots: ['2026-10'] });
  });

  it('the monthly report keeps its submission facts and regenerates its files from the tombstoned data', async () => {
    const list = (await call(env, 'hq_head', 'GET', '/api/monthly-reports?month=2026-10')).body.items.find((r: any) => r.branchId === b1);
    expect(list).toMatchObject({ status: 'submitted', onTime: true, submittedOn: '2026-11-03' });
    expect(list.snapshotErasedAt).toBe('2031-11-05T02:00:00.000Z');
    const f = await download(env, 'hq_head', `/api/monthly-reports/${b1}/2026-10.xlsx`);
    expect(f.status).toBe(200);
    const z = await JSZip.loadAsync(f.body);
    let text = '';
    for (const n of Object.keys(z.files)) text += await z.files[n].async('string');
    expect(text).not.toContain(NAME);
    expect(text).toContain('（已销毁）');
  });
});
