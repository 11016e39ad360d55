/** Quarterly analysis: counts, compliance, satisfaction, repeats, trend, hotspots with improvement measures, exports. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, download, driveToClosed, pdfText, readXlsx } from './fixtures/records-flow.js';

describeEachDb('quarterly analysis', (dialect) => {
  let env: TestEnv;
  let b1: string;
  beforeAll(async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const units = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    b1 = (Array.isArray(units) ? units : units.items).find((u: any) => u.code === 'B01').id;
    const q1 = await accept(env, 'b1_clerk', { customerPhone: '13600000001', involvedStaff: [{ name: '柜员甲' }] });
    await driveToClosed(env, q1, 'b1');
    await accept(env, 'b1_clerk', { customerPhone: '13600000001', involvedStaff: [{ name: '柜员甲' }] });
    await accept(env, 'b1_clerk', { customerPhone: '13600000003', involvedStaff: [{ name: '柜员甲' }, { name: '柜员乙' }] });
    await accept(env, 'b2_clerk', { customerPhone: '13600000004', businessLink: 'funds', category: 'process', channel: 'phone', involvedStaff: [{ name: '柜员丙' }] });
    await accept(env, 'b1_clerk', { acceptedOn: '2026-08-03', backdateReason: '补录', customerPhone: '13600000005' });
    await accept(env, 'b1_clerk', { acceptedOn: '2025-11-03', backdateReason: '补录', customerPhone: '13600000006' });
    env.clock.set('2026-11-30T02:00:00Z');
  });
  afterAll(() => env?.close());

  it('analyses the whole company for HQ', async () => {
    const r = await call(env, 'hq_head', 'GET', '/api/quarterly-analysis?quarter=2026Q4');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const a = r.body;
    expect(a).toMatchObject({ quarter: '2026Q4', from: '2026-10-01', to: '2026-12-31', unitId: null, total: 4 });
    expect(a.byBranch.map((c: any) => [c.label, c.count])).toEqual([['郑州花园路证券营业部', 3], ['洛阳中州路证券营业部', 1]]);
    expect(a.byBusinessLink.map((c: any) => [c.key, c.label, c.count])).toEqual([['trading', '交易委托', 3], ['funds', '资金存取与三方存管', 1]]);
    expect(a.byCategory.map((c: any) => [c.key, c.count])).toEqual([['attitude', 3], ['process', 1]]);
    expect(a.byChannel.map((c: any) => [c.key, c.count])).toEqual([['walk_in', 3], ['phone', 1]]);
    expect(a.byOutcomeClass.map((c: any) => [c.key, c.count])).toEqual([['no_fault', 1]]);
    expect(a.byStaff.map((c: any) => [c.key, c.count])).toEqual([['柜员甲', 3], ['柜员丙', 1], ['柜员乙', 1]]);
    expect(a.compliance.investigation).toEqual({ onTime: 1, late: 3, pending: 0, rate: 0.25 });
    expect(a.compliance.feedback).toMatchObject({ onTime: 1, late: 3 });
    expect(a.satisfaction).toMatchObject({ verified: 1, satisfied: 1, dissatisfied: 0, satisfiedRate: 1 });
    expect(a.repeat.count).toBe(1);
    expect(a.comparison.previousQuarter).toMatchObject({ quarter: '2026Q3', total: 1, change: 3, changeRate: 3 });
    expect(a.comparison.sameQuarterLastYear).toMatchObject({ quarter: '2025Q4', total: 1, change: 3 });
    expect(a.hotspotThreshold).toBe(3);
    expect(a.hotspots.map((h: any) => [h.kind, h.key, h.count, h.needsMeasure])).toEqual([['business_link', 'trading', 3, true], ['staff', '柜员甲', 3, true]]);
  });

  it('limits branch staff to their own branch', async () => {
    const r = await call(env, 'b2_manager', 'GET', '/api/quarterly-analysis?quarter=2026Q4');
    expect(r.body).toMatchObject({ unitName: '洛阳中州路证券营业部', total: 1, hotspots: [] });
    expect((await call(env, 'b2_manager', 'GET', `/api/quarterly-analysis?quarter=2026Q4&unitId=${b1}`)).status).toBe(404);
    expect((await call(env, 'hq_head', 'GET', '/api/quarterly-analysis?quarter=2026Q5')).status).toBe(400);
  });

  it('tracks improvement measures for hotspots to done', async () => {
    const bad = await call(env, 'b1_manager', 'POST', '/api/quarterly-analysis/improvements', { quarter: '2026Q4', kind: 'business_link', key: 'trading', measure: 'x', owner: '刘洋', dueOn: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(await env.ctx.db.kysely.selectFrom('improvement_measures').selectAll().execute()).toEqual([]);
    expect((await call(env, 'b1_clerk', 'POST', '/api/quarterly-analysis/improvements', { quarter: '2026Q4', kind: 'business_link', key: 'trading', measure: 'x', owner: 'y', dueOn: '2026-12-31' })).status).toBe(403);
    const m = await call(env, 'b1_manager', 'POST', '/api/quarterly-analysis/improvements', { quarter: '2026Q4', kind: 'business_link', key: 'trading', measure: '柜台服务规范再培训', owner: '周建', dueOn: '2026-12-31' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect(m.body).toMatchObject({ unitId: b1, status: 'open' });
    const own = (await call(env, 'b1_manager', 'GET', '/api/quarterly-analysis?quarter=2026Q4')).body;
    const link = own.hotspots.find((h: any) => h.kind === 'business_link');
    expect(link).toMatchObject({ key: 'trading', needsMeasure: false, done: false });
    expect(link.measures[0]).toMatchObject({ measure: '柜台服务规范再培训', owner: '周建', dueOn: '2026-12-31', status: 'open' });
    // Company-wide hotspots need HQ's own measures.
    const hq = (await call(env, 'hq_head', 'GET', '/api/quarterly-analysis?quarter=2026Q4')).body;
    expect(hq.hotspots.every((h: any) => h.needsMeasure)).toBe(true);
    expect((await call(env, 'b2_manager', 'POST', `/api/quarterly-analysis/improvements/${m.body.id}/done`, {})).status).toBe(404);
    const done = await call(env, 'b1_head', 'POST', `/api/quarterly-analysis/improvements/${m.body.id}/done`, { note: '已完成全员培训' });
    expect(done.body).toMatchObject({ status: 'done', doneNote: '已完成全员培训' });
    expect((await call(env, 'b1_head', 'POST', `/api/quarterly-analysis/improvements/${m.body.id}/done`, {})).status).toBe(409);
    const after = (await call(env, 'b1_manager', 'GET', '/api/quarterly-analysis?quarter=2026Q4')).body;
    expect(after.hotspots.find((h: any) => h.kind === 'business_link')).toMatchObject({ done: true });
    expect(after.improvements.map((i: any) => i.status)).toEqual(['done']);
  });

  it('exports XLSX and PDF that independent readers can read', async () => {
    await call(env, 'hq_head', 'POST', '/api/quarterly-analysis/improvements', { quarter: '2026Q4', kind: 'staff', key: '柜员甲', measure: '调岗并专项辅导', owner: '李强', dueOn: '2026-12-15' });
    const x = await download(env, 'hq_head', '/api/quarterly-analysis.xlsx?quarter=2026Q4');
    expect(x.status).toBe(200);
    const sheets = await readXlsx(x.body);
    const ov = new Map(sheets.get('概览')!.map((r) => [r[0], r[1]]));
    expect(ov.get('投诉总数（件）')).toBe('4');
    expect(ov.get('范围')).toBe('全公司');
    expect(ov.get('调查核实按时率（3个工作日）')).toMatch(/^25%/);
    expect(sheets.get('业务环节')!.slice(1)).toEqual([['交易委托', '3'], ['资金存取与三方存管', '1']]);
    const hs = sheets.get('热点与改进措施')!.slice(1);
    expect(hs).toEqual([
      ['业务环节', '交易委托', '3', '（待制定）', '', '', '待制定'],
      ['人员', '柜员甲', '3', '调岗并专项辅导', '李强', '2026-12-15', '进行中'],
    ]);
    const p = await download(env, 'hq_head', '/api/quarterly-analysis.pdf?quarter=2026Q4');
    expect(p.status).toBe(200);
    const text = pdfText(p.body);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      for (const s of ['客户投诉季度分析（2026Q4）', '交易委托', '柜员甲', '调岗并专项辅导', '较上季度（2026Q3）']) expect(flat, s).toContain(s);
    }
  });
});

describeEachDb('quarterly compliance after a re-handle', (dialect) => {
  let env: TestEnv;
  afterAll(() => env?.close());

  it('judges the first round: submitted and fed back on time, re-handled and resubmitted late, still on time', async () => {
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z' });
    const id = await accept(env, 'b1_clerk', {});
    const act = async (user: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await call(env, user, 'POST', `/api/complaints/${id}/actions/${action}`, body);
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const draft = { findings: '经核实。', outcomeClass: 'no_fault', noFaultReason: 'none', handlingOpinion: '向客户解释说明。' };
    await act('b1_manager', 'transfer');
    await act('b1_manager', 'submit', draft);
    await act('b1_head', 'approve');
    await act('hq_head', 'approve');
    await act('b1_manager', 'give_feedback', { feedback: { content: '感谢您的反馈，我们已核实处理。', method: 'phone' } });
    await act('b1_manager', 'request_verification');
    await act('b1_manager', 'rehandle', { callback: { satisfaction: 'dissatisfied', rectificationDone: true, rectificationEffective: true, handlingProper: false } });
    // The second round runs long past both due days.
    env.clock.set('2026-11-20T02:00:00Z');
    env.forgetLogins();
    await act('b1_manager', 'submit', draft);
    await act('b1_head', 'approve');
    await act('hq_head', 'approve');
    await act('b1_manager', 'give_feedback', { feedback: { content: '再次核实后答复。', method: 'phone' } });
    const row = await env.ctx.db.kysely.selectFrom('complaints').select(['submitted_on', 'first_submitted_on', 'investigation_due_on', 'feedback_on', 'first_feedback_on', 'feedback_due_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.submitted_on! > row.investigation_due_on).toBe(true);
    expect(row.feedback_on! > row.feedback_due_on).toBe(true);
    expect(row.first_submitted_on! <= row.investigation_due_on).toBe(true);
    const q = (await call(env, 'hq_head', 'GET', '/api/quarterly-analysis?quarter=2026Q4')).body;
    expect(q.compliance.investigation).toEqual({ onTime: 1, late: 0, pending: 0, rate: 1 });
    expect(q.compliance.feedback).toEqual({ onTime: 1, late: 0, pending: 0, rate: 1 });
  });
});
