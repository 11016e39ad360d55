import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, download, driveToClosed, pdfText, readXlsx } from './fixtures/records-flow.js';

describeEachDb('record form output', (dialect) => {
  let env: TestEnv;
  let id: string;
  beforeAll(async () => {
    env = await makeEnv(dialect);
    id = await accept(env, 'b1_clerk', { customerName: '张三丰', customerPhone: '13912345678', idNumber: '410105199001011234', narrative: '客户称于营业部大厅办理业务时柜员态度生硬。' });
    await driveToClosed(env, id);
  });
  afterAll(() => env?.close());

  it('renders the PDF in the official layout with extractable Chinese text and full personal data', async () => {
    const r = await download(env, 'b1_manager', `/api/complaints/${id}/record-form.pdf`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    const text = pdfText(r.body);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      for (const s of ['营业部客户投诉处理记录表', '客户姓名', '张三丰', '13912345678', '410105199001011234', '事情经过', '柜员态度生硬', '逐级审批', '回访验证', '满意', '郑州花园路证券营业部', '感谢您的反馈']) {
        expect(flat, s).toContain(s);
      }
    }
  });

  it('renders the XLSX with every field readable back', async () => {
    const r = await download(env, 'b1_manager', `/api/complaints/${id}/record-form.xlsx`);
    expect(r.status).toBe(200);
    const sheets = await readXlsx(r.body);
    const rows = sheets.get('记录表')!;
    expect(rows[0][0]).toBe('营业部客户投诉处理记录表');
    const byLabel = new Map(rows.map((row) => [row[0], row[1]]));
    expect(byLabel.get('客户姓名')).toBe('张三丰');
    expect(byLabel.get('联系方式')).toBe('13912345678');
    expect(byLabel.get('证件号码')).toBe('410105199001011234');
    expect(byLabel.get('受理渠道')).toBe('当面受理');
    expect(byLabel.get('投诉类别')).toBe('服务态度');
    expect(byLabel.get('业务环节')).toBe('交易委托');
    expect(byLabel.get('状态')).toBe('已办结');
    expect(byLabel.get('逐级审批')).toMatch(/营业部负责人.*同意[\s\S]*经纪业务总部负责人.*同意/);
    expect(byLabel.get('回访验证')).toMatch(/满意/);
  });

  it('logs each export in the audit trail', async () => {
    const h = await call(env, 'b1_manager', 'GET', `/api/complaints/${id}/history`);
    const exports = h.body.items.filter((i: any) => i.action === 'export_record_form');
    expect(exports.map((e: any) => e.detail.format)).toEqual(['pdf', 'xlsx']);
  });

  it('refuses a complaint outside the data scope with 404', async () => {
    const r = await download(env, 'b2_manager', `/api/complaints/${id}/record-form.pdf`);
    expect(r.status).toBe(404);
    const x = await download(env, 'b2_manager', `/api/complaints/${id}/record-form.xlsx`);
    expect(x.status).toBe(404);
  });

  it('exports the register with one row per complaint in scope and the list filters', async () => {
    await accept(env, 'b1_clerk', { customerName: '李四' });
    await accept(env, 'b2_clerk', { customerName: '王五' });
    const hq = await readXlsx((await download(env, 'hq_head', '/api/complaints/register.xlsx')).body);
    const rows = hq.get('投诉登记簿')!;
    expect(rows[0][0]).toBe('编号');
    expect(rows.slice(1).map((r) => r[3]).sort()).toEqual(['张三丰', '李四', '王五'].sort());
    const b2 = await readXlsx((await download(env, 'b2_manager', '/api/complaints/register.xlsx')).body);
    expect(b2.get('投诉登记簿')!.slice(1).map((r) => r[3])).toEqual(['王五']);
    const closed = await readXlsx((await download(env, 'hq_head', '/api/complaints/register.xlsx?status=closed')).body);
    const closedRows = closed.get('投诉登记簿')!.slice(1);
    expect(closedRows.map((r) => r[3])).toEqual(['张三丰']);
    expect(closedRows[0][4]).toBe('13912345678');
    const bad = await download(env, 'hq_head', '/api/complaints/register.xlsx?status=nope');
    expect(bad.status).toBe(400);
  });
});
