/** Excel import of historical record forms: per-row errors, all-or-nothing vs valid-only, API and CLI. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { command as importCli } from '../src/cli/commands/import-record-forms.js';
import { runDeadlineMonitor } from '../src/jobs/deadline-monitor.js';
import { OUTCOME_LABELS } from '../src/domain/types.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

const HEADER = ['序号', '客户姓名', '联系电话', '受理日期', '渠道', '投诉类别', '业务环节', '投诉事由', '事情经过', '涉及人员'];

async function workbook(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2025年投诉记录');
  ws.addRow(['某营业部客户投诉处理记录表（历史）']);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const VALID_1 = [1, '张一', '13500000001', new Date(Date.UTC(2025, 2, 18)), '当面受理', '服务态度', '交易委托', '柜员态度差', '客户称柜员办理转托管时态度生硬。', '柜员甲、柜员乙'];
const BAD_DATE = [2, '张二', '13500000002', '2025-02-30', '微信', '服务态度', '', '事由', '经过', ''];
const VALID_2 = [3, '张三', '13500000003', '2025/04/01', 'phone', '流程', '资金存取与三方存管', '银证转账延迟', '客户称银证转账到账延迟。', ''];
const NO_NAME = [4, '', '', '2025-04-02', '书信', '服务环境', '', '事由', '经过', ''];

function multipart(file: Buffer, name = 'records.xlsx') {
  const boundary = '----records-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDb('record form import', (dialect) => {
  let env: TestEnv;
  let mixed: Buffer;
  beforeAll(async () => {
    env = await makeEnv(dialect);
    mixed = await workbook([VALID_1, BAD_DATE, VALID_2, NO_NAME]);
  });
  afterAll(() => env?.close());

  async function post(user: string, body: Buffer, query: string) {
    const cookie = await env.login(user);
    const mp = multipart(body);
    const res = await env.app.inject({ method: 'POST', url: `/api/imports/record-forms${query}`, payload: mp.payload, headers: { cookie, 'content-type': mp.contentType } });
    return { status: res.statusCode, body: res.json() };
  }
  const count = async () => Number((await env.ctx.db.kysely.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('all-or-nothing: reports every failing row and field, imports nothing', async () => {
    const r = await post('b1_manager', mixed, '');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('VALIDATION');
    const report = r.body.details.report;
    expect(report).toMatchObject({ mode: 'all_or_nothing', total: 4, valid: 2, imported: 0 });
    expect(report.errors.map((e: any) => [e.row, e.field, e.column])).toEqual([
      [4, 'acceptedOn', '受理日期'],
      [4, 'channel', '渠道'],
      [6, 'customerName', '客户姓名'],
      [6, 'customerPhone', '联系电话'],
    ]);
    expect(report.ignoredColumns).toEqual(['序号']);
    expect(await count()).toBe(0);
    expect(await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'import_record_forms').execute()).toEqual([]);
  });

  it('valid-only: imports the valid rows as imported, backdated complaints of the branch', async () => {
    const r = await post('b1_manager', mixed, '?mode=valid_only');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ mode: 'valid_only', total: 4, valid: 2, imported: 2 });
    expect(r.body.errors.map((e: any) => e.row)).toEqual([4, 4, 6, 6]);
    expect(r.body.complaints.map((c: any) => c.row)).toEqual([3, 5]);
    const rows = await env.ctx.db.kysely.selectFrom('complaints').innerJoin('units', 'units.id', 'complaints.accepting_unit_id').selectAll('complaints').select('units.code').orderBy('accepted_on').execute();
    expect(rows.map((x) => [x.customer_name, x.accepted_on, x.channel, x.category, x.business_link, x.source, x.imported, x.backdate_reason, x.code])).toEqual([
      ['张一', '2025-03-18', 'walk_in', 'attitude', 'trading', 'import', 1, '历史记录表导入', 'B01'],
      ['张三', '2025-04-01', 'phone', 'process', 'funds', 'import', 1, '历史记录表导入', 'B01'],
    ]);
    expect(JSON.parse(rows[0].involved_staff)).toEqual([{ name: '柜员甲' }, { name: '柜员乙' }]);
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'import_record_forms').execute();
    expect(JSON.parse(audit[0].detail)).toMatchObject({ imported: 2, failedRows: [4, 6] });
  });

  it('refuses another branch, a missing column and a non-Excel file, writing nothing', async () => {
    const before = await count();
    expect((await post('b2_manager', mixed, '?unit=B01&mode=valid_only')).status).toBe(403);
    const noNarrative = await post('b1_manager', await workbook([VALID_1.slice(0, 8)], HEADER.slice(0, 8)), '');
    expect(noNarrative.status).toBe(400);
    expect(noNarrative.body.message).toContain('事情经过');
    expect((await post('b1_manager', Buffer.from('not excel'), '')).status).toBe(400);
    expect((await post('b1_clerk', mixed, '?mode=valid_only')).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('the CLI imports into the unit given by code, or nothing when a row fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imp-'));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const bad = join(dir, 'bad.xlsx');
      await writeFile(bad, mixed);
      const before = await count();
      expect(await importCli.run([bad, '--unit', 'B02'], env.ctx)).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toContain('第 4 行 受理日期');
      expect(await count()).toBe(before);
      const good = join(dir, 'good.xlsx');
      await writeFile(good, await workbook([VALID_1, VALID_2]));
      expect(await importCli.run([good, '--unit', 'B02'], env.ctx)).toBe(0);
      const b2 = await env.ctx.db.kysely.selectFrom('complaints').innerJoin('units', 'units.id', 'complaints.accepting_unit_id').select(['complaints.customer_name', 'complaints.accepted_by']).where('units.code', '=', 'B02').execute();
      expect(b2.map((x) => x.customer_name).sort()).toEqual(['张一', '张三']);
      expect(await importCli.run([bad, '--unit', 'B02', '--valid-only'], env.ctx)).toBe(1);
      expect(await count()).toBe(before + 4);
    } finally {
      err.mockRestore();
      log.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describeEachDb('imported record forms are finished records', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-11-30T02:00:00Z' });
  });
  afterAll(() => env?.close());

  const HEAD = ['客户姓名', '联系电话', '受理日期', '渠道', '投诉类别', '投诉事由', '事情经过', '办结日期', '调查核实情况', '处理意见', '责任认定', '回访满意度'];
  async function post(body: Buffer, query = '') {
    const cookie = await env.login('b1_manager');
    const res = await env.app.inject({ method: 'POST', url: `/api/imports/record-forms${query}`, payload: body, headers: { cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    return { status: res.statusCode, body: res.json() };
  }

  it('refuses an unknown outcome class, satisfaction or a closing day before acceptance, naming the column, writing nothing', async () => {
    const r = await post(await workbook([['李一', '13500000011', '2023-03-10', '当面受理', '服务态度', '事由', '经过', '2023-03-01', '', '', '五类', '很满意']], HEAD));
    expect(r.status).toBe(400);
    expect(r.body.details.report.errors.map((e: any) => [e.field, e.column])).toEqual([['closedOn', '办结日期'], ['outcomeClass', '责任认定'], ['satisfaction', '回访满意度']]);
    expect(await env.ctx.db.kysely.selectFrom('complaints').select('id').execute()).toEqual([]);
  });

  it('closes each imported form with its closing day, findings, outcome class and satisfaction; the deadline monitor ignores them', async () => {
    const r = await post(await workbook([
      ['历史甲', '13500000011', '2023-03-10', '当面受理', '服务态度', '旧投诉', '2023年的投诉', '2023-03-20', '经核实属实', '向客户致歉', '二类', '基本满意'],
      ['历史乙', '13500000012', '2023-03-13', '当面受理', '服务态度', '旧投诉', '2023年的投诉', '', '', '', OUTCOME_LABELS.no_fault, ''],
    ], HEAD));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.imported).toBe(2);
    const rows = await env.ctx.db.kysely.selectFrom('complaints').select(['id', 'customer_name', 'status', 'imported', 'closed_at', 'findings', 'handling_opinion', 'outcome_class']).orderBy('accepted_on').execute();
    expect(rows.map(({ id: _id, ...x }) => x)).toEqual([
      { customer_name: '历史甲', status: 'closed', imported: 1, closed_at: '2023-03-20T04:00:00.000Z', findings: '经核实属实', handling_opinion: '向客户致歉', outcome_class: 'partial_fault' },
      { customer_name: '历史乙', status: 'closed', imported: 1, closed_at: '2023-03-13T04:00:00.000Z', findings: null, handling_opinion: null, outcome_class: 'no_fault' },
    ]);
    const cb = await env.ctx.db.kysely.selectFrom('callbacks').select(['complaint_id', 'satisfaction']).execute();
    expect(cb).toEqual([{ complaint_id: rows[0].id, satisfaction: 'basically_satisfied' }]);
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').select(['entity_id', 'from_status', 'to_status']).where('action', '=', 'import_closed').orderBy('seq').execute();
    expect(audit).toEqual(rows.map((x) => ({ entity_id: x.id, from_status: 'received', to_status: 'closed' })));
    const m = await runDeadlineMonitor(env.ctx, env.clock.now());
    expect(m.events).toBe(0);
    expect(await env.ctx.db.kysely.selectFrom('notifications').select('id').execute()).toEqual([]);
  });

  it('quarterly analysis counts imported complaints but does not judge their deadlines', async () => {
    const q = (await call(env, 'b1_manager', 'GET', '/api/quarterly-analysis?quarter=2023Q1')).body;
    expect(q.total).toBe(2);
    expect(q.satisfaction).toMatchObject({ verified: 1, basically_satisfied: 1 });
    expect(q.compliance.investigation).toEqual({ onTime: 0, late: 0, pending: 0, rate: null });
    expect(q.compliance.feedback).toEqual({ onTime: 0, late: 0, pending: 0, rate: null });
  });
});
