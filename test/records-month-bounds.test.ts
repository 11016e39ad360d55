/** Month input outside 2004-01..2098-12 is a 400 naming the field; monthly report workbooks survive long unit codes. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, download, readXlsx } from './fixtures/records-flow.js';

describeEachDb('month bounds and report sheet names', (dialect) => {
  let env: TestEnv;
  let b1: string;
  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const list = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    b1 = (Array.isArray(list) ? list : list.items).find((u: any) => u.code === 'B01').id;
  });
  afterAll(() => env?.close());

  it('refuses months outside 2004-01..2098-12 with 400 naming the field, and submits no junk report', async () => {
    env.clock.set('2026-11-30T02:00:00Z');
    env.forgetLogins();
    const cases: [string, string, string, string, unknown?][] = [
      ['b1_manager', 'GET', '/api/monthly-reports?month=2099-12', 'month'],
      ['b1_manager', 'GET', '/api/monthly-reports?month=0000-01', 'month'],
      ['hq_head', 'GET', '/api/monthly-reports/grid?from=2099-01&to=2099-12', 'from'],
      ['hq_head', 'GET', '/api/monthly-reports/grid?from=1900-01&to=1900-02', 'from'],
      ['b1_manager', 'GET', `/api/monthly-reports/${b1}/0000-01.pdf`, 'file'],
      ['b1_manager', 'GET', `/api/monthly-reports/${b1}/2099-12.xlsx`, 'file'],
      ['b1_manager', 'POST', `/api/monthly-reports/${b1}/0001-01/submit`, 'month'],
      ['b1_manager', 'POST', `/api/monthly-reports/${b1}/2003-12/submit`, 'month'],
      ['b1_manager', 'POST', '/api/archive-batches', 'month', { unitId: b1, month: '0000-01', medium: 'disc', location: 'x' }],
    ];
    for (const [user, method, url, field, body] of cases) {
      const r = await call(env, user, method as any, url, body);
      expect(r.status, `${method} ${url}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(JSON.stringify(r.body), url).toContain(field);
    }
    expect(await env.ctx.db.kysely.selectFrom('monthly_reports').selectAll().execute()).toEqual([]);
    expect(await env.ctx.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'submit_monthly_report').execute()).toEqual([]);
    // The bounds themselves are fine.
    expect((await call(env, 'b1_manager', 'GET', '/api/monthly-reports?month=2004-01')).status).toBe(200);
    expect((await call(env, 'hq_head', 'GET', '/api/monthly-reports/grid?from=2098-01&to=2098-12')).status).toBe(200);
  });

  it('a 20-character unit code with two complaints on the same day still renders the monthly report workbook', async () => {
    env.clock.set('2026-10-12T02:00:00Z');
    env.forgetLogins();
    const u = await call(env, 'hq_admin', 'POST', '/api/units', { code: 'SHANGHAI-PUDONG-0001', name: '上海浦东营业部', kind: 'branch' });
    expect(u.status, JSON.stringify(u.body)).toBe(201);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await accept(env, 'hq_manager', { acceptingUnitId: u.body.id, customerName: `浦东客户${i}` });
      numbers.push((await call(env, 'hq_head', 'GET', `/api/complaints/${id}`)).body.number);
    }
    expect(numbers[0].length).toBeGreaterThan(31);
    env.clock.set('2026-11-03T02:00:00Z');
    env.forgetLogins();
    const x = await download(env, 'hq_head', `/api/monthly-reports/${u.body.id}/2026-10.xlsx`);
    expect(x.status, JSON.stringify(x.json)).toBe(200);
    const sheets = await readXlsx(x.body);
    const forms = [...sheets.keys()].filter((k) => k.startsWith('记录表-'));
    expect(forms).toEqual(['记录表-001', '记录表-002']);
    expect(forms.map((k) => sheets.get(k)!.flat().find((v) => v.startsWith('编号：')))).toEqual(numbers.sort().map((n) => `编号：${n}`));
  });
});
