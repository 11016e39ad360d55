import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.js';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

const act = (env: TestEnv, user: string, id: string, action: string, body: unknown = {}) => call(env, user, 'POST', `/api/complaints/${id}/actions/${action}`, body);
const get = (env: TestEnv, user: string, id: string) => call(env, user, 'GET', `/api/complaints/${id}`);

const inTen = '2026-12-10';
const classTwoDraft = {
  findings: '经调取录像核实，柜员确有态度生硬情况，但未出现客户所述辱骂。',
  outcomeClass: 'partial_fault',
  handlingOpinion: '向客户致歉，对柜员进行批评教育。',
  rectifications: [{ description: '开展服务礼仪培训', owner: '周建', dueOn: inTen }],
  accountabilityActions: [{ person: '柜员甲', measure: '通报批评' }],
};
const satisfied = { satisfaction: 'satisfied', rectificationDone: true, rectificationEffective: true, handlingProper: true };

async function accepted(env: TestEnv, over: Record<string, unknown> = {}, user = 'b1_clerk') {
  const r = await call(env, user, 'POST', '/api/complaints', recordForm(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; number: string; version: number; [k: string]: any };
}

async function countRows(env: TestEnv, table: 'complaints' | 'audit_log' | 'approvals') {
  const r = await env.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachDb('complaint lifecycle API', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('reports health with the database kind', async () => {
    const r = await env.app.inject({ url: '/api/health' });
    expect(r.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('signs in with an HttpOnly SameSite cookie and refuses a wrong password', async () => {
    const ok = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b1_clerk', password: 'demo12345' } });
    expect(ok.statusCode).toBe(200);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = await env.app.inject({ url: '/api/auth/me', headers: { cookie: ok.cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
    expect(me.json().user).toMatchObject({ username: 'b1_clerk', roles: ['clerk'], unitCode: 'B01' });
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b1_clerk', password: 'wrong' } });
    expect(bad.statusCode).toBe(401);
    expect((await env.app.inject({ url: '/api/complaints' })).statusCode).toBe(401);
  });

  it('accepts a record form with a number and both deadlines fixed at once', async () => {
    const c = await accepted(env);
    expect(c.number).toMatch(/^B01-20261130-\d{3}$/);
    expect(c.status).toBe('received');
    // 2026-11-30 is a Monday: day 1; investigation due on day 3, feedback on day 4.
    expect(c.acceptedOn).toBe('2026-11-30');
    expect(c.investigationDueOn).toBe('2026-12-02');
    expect(c.feedbackDueOn).toBe('2026-12-03');
    // The clerk who accepted it may only pass it on to the complaint manager.
    expect(c.allowedActions).toEqual(['transfer']);
    const asManager = await get(env, 'b1_manager', c.id);
    expect(asManager.body.allowedActions).toEqual(expect.arrayContaining(['transfer', 'withdraw', 'flag_malicious']));
    // The record of acceptance is editable until submission; the handling draft only while investigating.
    expect(asManager.body.editableFields).toContain('narrative');
    expect(asManager.body.editableFields).not.toContain('findings');
    expect((await get(env, 'b2_manager', c.id)).status).toBe(404);
    expect(asManager.body.customerPhone).toBe('138****2222');
  });

  it('refuses bad input with 400 naming the field and writes nothing', async () => {
    const before = [await countRows(env, 'complaints'), await countRows(env, 'audit_log')];
    const cases: [Record<string, unknown>, string][] = [
      [{ customerName: undefined }, 'customerName'],
      [{ category: 'bogus' }, 'category'],
      [{ customerPhone: null, customerEmail: null, customerAddress: null }, 'customerPhone'],
      [{ acceptedOn: '2026-11-20' }, 'backdateReason'],
      [{ acceptedOn: '2026-12-31' }, 'acceptedOn'],
      [{ acceptedOn: '2026-02-30' }, 'acceptedOn'],
      [{ businessLink: 'no_such_link' }, 'businessLink'],
      [{ unexpected: 1 }, 'unexpected'],
    ];
    for (const [over, field] of cases) {
      const r = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm(over));
      expect(r.status, `${field}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect([await countRows(env, 'complaints'), await countRows(env, 'audit_log')]).toEqual(before);
  });

  it('allows an earlier acceptance day for a paper form with the reason recorded', async () => {
    const c = await accepted(env, { acceptedOn: '2026-11-27', backdateReason: '纸质记录表补录' });
    expect(c.backdateReason).toBe('纸质记录表补录');
    // Friday 11-27 is day 1; the weekend is skipped.
    expect(c.investigationDueOn).toBe('2026-12-01');
  });

  it('branch staff cannot accept in the name of another branch', async () => {
    const units = (await call(env, 'hq_manager', 'GET', '/api/units')).body.items as { id: string; code: string }[];
    const b2 = units.find((u) => u.code === 'B02')!;
    const r = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ acceptingUnitId: b2.id }));
    expect(r.status).toBe(403);
    const hq = await call(env, 'hq_manager', 'POST', '/api/complaints', recordForm({ acceptingUnitId: b2.id }));
    expect(hq.status).toBe(201);
    expect(hq.body.number).toMatch(/^B02-/);
  });

  it('carries a class-2 complaint through every step of the measures', async () => {
    const c = await accepted(env);
    let r = await act(env, 'b1_clerk', c.id, 'transfer');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'investigating', transferLate: false });
    const manager = (await call(env, 'b1_manager', 'GET', '/api/auth/me')).body.user;
    expect(r.body.managerId).toBe(manager.id);

    r = await act(env, 'b1_manager', c.id, 'submit', classTwoDraft);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'pending_approval', approvalChain: ['branch_head', 'hq_head'], approvalLevel: 0 });
    expect(r.body.investigation.submittedOn).toBe('2026-11-30');

    r = await act(env, 'b1_head', c.id, 'approve', { comment: '同意' });
    expect(r.body).toMatchObject({ status: 'pending_approval', approvalLevel: 1 });
    expect((await act(env, 'b1_head', c.id, 'approve')).status).toBe(403);
    r = await act(env, 'hq_head', c.id, 'approve', { comment: '同意，按意见反馈客户' });
    expect(r.body).toMatchObject({ status: 'approved', approvedOn: '2026-11-30' });
    expect(r.body.approvals.map((a: any) => a.role)).toEqual(['branch_head', 'hq_head']);

    const version = r.body.version;
    r = await act(env, 'b1_manager', c.id, 'give_feedback', { feedback: { content: '这不可能，我们营业部没有错。', method: 'phone' } });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('feedback.content');
    expect(r.body.message).toContain('不可能');
    expect((await get(env, 'b1_manager', c.id)).body).toMatchObject({ status: 'approved', version });

    r = await act(env, 'b1_manager', c.id, 'give_feedback', { feedback: { content: '非常抱歉，经核实我们已对相关人员批评教育并开展培训。', method: 'phone', customerReaction: '表示理解' } });
    expect(r.body).toMatchObject({ status: 'feedback_given', feedbackOn: '2026-11-30' });

    expect((await act(env, 'b1_manager', c.id, 'request_verification')).status).toBe(403);
    r = await act(env, 'b1_manager', c.id, 'start_rectification');
    expect(r.body.status).toBe('rectifying');
    const measure = r.body.rectifications[0];
    r = await act(env, 'b1_manager', c.id, 'complete_measure', { measureId: measure.id, note: '已于周会培训' });
    expect(r.body.rectifications[0].doneAt).toBeTruthy();
    r = await act(env, 'b1_manager', c.id, 'request_verification');
    expect(r.body.status).toBe('verifying');

    r = await act(env, 'b1_manager', c.id, 'rehandle', { callback: satisfied });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('callback');
    r = await act(env, 'b1_manager', c.id, 'close', { callback: satisfied });
    expect(r.body).toMatchObject({ status: 'closed', verification: { satisfaction: 'satisfied' } });
    expect(r.body.callbacks).toHaveLength(1);
    expect(r.body.allowedActions).toEqual([]);

    const h = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}/history`);
    expect(h.body.items.map((i: any) => i.action)).toEqual([
      'accept', 'transfer', 'submit', 'approve', 'approve', 'give_feedback', 'start_rectification', 'complete_measure', 'request_verification', 'close',
    ]);
    expect(h.body.items[3]).toMatchObject({ fromStatus: 'pending_approval', toStatus: 'pending_approval', actorName: expect.stringContaining('周建') });
    expect((await verifyAuditChain(env.ctx.db.kysely)).ok).toBe(true);
  });

  it('reject returns the case to investigating with the comment; a comment is required', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    await act(env, 'b1_manager', c.id, 'submit', classTwoDraft);
    expect((await act(env, 'b1_head', c.id, 'reject')).body.field).toBe('comment');
    const r = await act(env, 'b1_head', c.id, 'reject', { comment: '整改措施不具体' });
    expect(r.body).toMatchObject({ status: 'investigating', approvalLevel: 0 });
    expect(r.body.approvals[0]).toMatchObject({ decision: 'rejected', comment: '整改措施不具体' });
  });

  it('a complaint about the branch head goes to HQ for approval, and the head cannot approve it', async () => {
    const head = (await call(env, 'b1_head', 'GET', '/api/auth/me')).body.user;
    const c = await accepted(env, { involvedStaff: [{ name: '周建', userId: head.id }] });
    await act(env, 'b1_manager', c.id, 'transfer');
    const r = await act(env, 'b1_manager', c.id, 'submit', classTwoDraft);
    expect(r.body.approvalChain).toEqual(['hq_head']);
    expect((await act(env, 'b1_head', c.id, 'approve')).status).toBe(403);
    expect((await act(env, 'hq_head', c.id, 'approve')).body.status).toBe('approved');
  });

  it('an approver involved in the complaint must recuse', async () => {
    const hqHead = (await call(env, 'hq_head', 'GET', '/api/auth/me')).body.user;
    const c = await accepted(env, { involvedStaff: [{ name: '李强', userId: hqHead.id }] });
    await act(env, 'b1_manager', c.id, 'transfer');
    await act(env, 'b1_manager', c.id, 'submit', classTwoDraft);
    await act(env, 'b1_head', c.id, 'approve');
    const r = await act(env, 'hq_head', c.id, 'approve');
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('回避');
  });

  it('approvers cannot write the draft they would approve, and a link to an unknown user is refused', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    const v = (await get(env, 'b1_head', c.id)).body.version;
    const r = await call(env, 'b1_head', 'PATCH', `/api/complaints/${c.id}`, { findings: '负责人自拟', version: v });
    expect(r.status).toBe(403);
    expect(r.body.field).toBe('findings');
    const bad = await call(env, 'b1_manager', 'PATCH', `/api/complaints/${c.id}`, { involvedStaff: [{ name: '某人', userId: 'nope' }], version: v });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('involvedStaff[0].userId');
  });

  it('class 4 adds the company leader and HQ coordination tasks that must finish before verification', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    let r = await act(env, 'b1_manager', c.id, 'submit', { ...classTwoDraft, outcomeClass: 'beyond_authority', accountabilityActions: [], coordinationDepartments: ['信息技术部'] });
    expect(r.body.approvalChain).toEqual(['branch_head', 'hq_head', 'company_leader']);
    expect(r.body.coordinationTasks).toMatchObject([{ department: '信息技术部', doneAt: null }]);
    await act(env, 'b1_head', c.id, 'approve');
    await act(env, 'hq_head', c.id, 'approve');
    expect((await get(env, 'b1_manager', c.id)).body.status).toBe('pending_approval');
    r = await act(env, 'leader', c.id, 'approve', { comment: '请信息技术部配合' });
    expect(r.body.status).toBe('approved');
    await act(env, 'b1_manager', c.id, 'give_feedback', { feedback: { content: '我们已协调总部相关部门处理。', method: 'letter' } });
    await act(env, 'b1_manager', c.id, 'start_rectification');
    r = await get(env, 'b1_manager', c.id);
    await act(env, 'b1_manager', c.id, 'complete_measure', { measureId: r.body.rectifications[0].id });
    expect((await act(env, 'b1_manager', c.id, 'request_verification')).status).toBe(403);
    r = await act(env, 'hq_manager', c.id, 'complete_coordination', { taskId: r.body.coordinationTasks[0].id, note: '系统已修复' });
    expect(r.body.coordinationTasks[0].doneAt).toBeTruthy();
    expect((await act(env, 'b1_manager', c.id, 'request_verification')).body.status).toBe('verifying');
  });

  it('re-rectify and re-handle start new rounds as Ch. 5 requires', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    await act(env, 'b1_manager', c.id, 'submit', classTwoDraft);
    await act(env, 'b1_head', c.id, 'approve');
    await act(env, 'hq_head', c.id, 'approve');
    await act(env, 'b1_manager', c.id, 'give_feedback', { feedback: { content: '已核实并致歉。', method: 'phone' } });
    let r = await act(env, 'b1_manager', c.id, 'start_rectification');
    await act(env, 'b1_manager', c.id, 'complete_measure', { measureId: r.body.rectifications[0].id });
    await act(env, 'b1_manager', c.id, 'request_verification');
    const notEffective = { ...satisfied, satisfaction: 'basically_satisfied', rectificationEffective: false };
    expect((await act(env, 'b1_manager', c.id, 'rerectify', { callback: notEffective })).body.field).toBe('measures');
    r = await act(env, 'b1_manager', c.id, 'rerectify', { callback: notEffective, measures: [{ description: '复训并考核', owner: '周建', dueOn: inTen }] });
    expect(r.body).toMatchObject({ status: 'rectifying', round: 2 });
    const open = r.body.rectifications.filter((m: any) => m.round === 2);
    await act(env, 'b1_manager', c.id, 'complete_measure', { measureId: open[0].id });
    await act(env, 'b1_manager', c.id, 'request_verification');
    r = await act(env, 'b1_manager', c.id, 'rehandle', { callback: { ...satisfied, satisfaction: 'dissatisfied', handlingProper: false } });
    expect(r.body).toMatchObject({ status: 'investigating', round: 3, approvalChain: [], feedbackOn: null, firstFeedbackOn: '2026-11-30' });
    expect(r.body.investigation).toMatchObject({ submittedOn: null, firstSubmittedOn: '2026-11-30' });
    expect(r.body.callbacks.map((cb: any) => cb.outcome)).toEqual(['rerectify', 'rehandle']);
  });

  it('a malicious complaint waits for the legal review before feedback', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    expect((await act(env, 'b1_manager', c.id, 'flag_malicious', { reason: '以投诉相要挟索要补偿' })).body.malicious).toBe(true);
    await act(env, 'b1_manager', c.id, 'submit', { ...classTwoDraft, outcomeClass: 'no_fault', noFaultReason: 'none', rectifications: [], accountabilityActions: [] });
    await act(env, 'b1_head', c.id, 'approve');
    await act(env, 'hq_head', c.id, 'approve');
    const fb = { feedback: { content: '经核实，我们已向您说明情况。', method: 'letter' } };
    expect((await act(env, 'b1_manager', c.id, 'give_feedback', fb)).status).toBe(403);
    expect((await act(env, 'b1_manager', c.id, 'legal_review', { opinion: 'x' })).status).toBe(403);
    expect((await act(env, 'legal', c.id, 'legal_review', { opinion: '已做好应诉准备，可按意见答复' })).status).toBe(200);
    const r = await act(env, 'b1_manager', c.id, 'give_feedback', fb);
    expect(r.body.status).toBe('feedback_given');
    // Class 3 has no measures: straight to verification.
    expect((await act(env, 'b1_manager', c.id, 'request_verification')).body.status).toBe('verifying');
  });

  it('withdraw is recorded by a complaint manager with a reason and ends the case', async () => {
    const c = await accepted(env);
    expect((await act(env, 'b1_clerk', c.id, 'withdraw', { reason: 'x' })).status).toBe(403);
    expect((await act(env, 'b1_manager', c.id, 'withdraw')).body.field).toBe('reason');
    const r = await act(env, 'b1_manager', c.id, 'withdraw', { reason: '客户表示问题已自行解决' });
    expect(r.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '客户表示问题已自行解决' });
    expect(r.body.closedAt).toBeTruthy();
    const again = await act(env, 'b1_clerk', c.id, 'transfer');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'INVALID_TRANSITION', details: { status: 'withdrawn', action: 'transfer' } });
  });

  it('keeps branches apart: another branch gets 404 for list, read, history and actions; HQ sees all', async () => {
    const c = await accepted(env);
    expect((await get(env, 'b2_manager', c.id)).status).toBe(404);
    expect((await call(env, 'b2_manager', 'GET', `/api/complaints/${c.id}/history`)).status).toBe(404);
    expect((await act(env, 'b2_manager', c.id, 'transfer')).status).toBe(404);
    expect((await call(env, 'b2_manager', 'PATCH', `/api/complaints/${c.id}`, { reason: 'x', version: 1 })).status).toBe(404);
    const list = await call(env, 'b2_manager', 'GET', '/api/complaints?pageSize=200');
    expect(list.body.items.map((i: any) => i.id)).not.toContain(c.id);
    expect(list.body.items.every((i: any) => i.number.startsWith('B02-'))).toBe(true);
    expect((await get(env, 'hq_head', c.id)).status).toBe(200);
    expect((await get(env, 'b1_manager', 'no-such-id')).status).toBe(404);
  });

  it('HQ reassigns its own complaint to a branch for on-site investigation', async () => {
    const units = (await call(env, 'hq_manager', 'GET', '/api/units')).body.items as { id: string; code: string }[];
    const hq = units.find((u) => u.code === 'HQ')!;
    const b2 = units.find((u) => u.code === 'B02')!;
    const c = await accepted(env, { acceptingUnitId: hq.id }, 'hq_manager');
    expect((await get(env, 'b2_manager', c.id)).status).toBe(404);
    const r = await act(env, 'hq_manager', c.id, 'reassign', { unitId: b2.id });
    expect(r.body).toMatchObject({ status: 'investigating', handlingUnitId: b2.id });
    const seen = await get(env, 'b2_manager', c.id);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toContain('submit');
    expect(seen.body.allowedActions).not.toContain('close');
  });

  it('lists with filters, text search and pagination', async () => {
    await accepted(env, { customerName: '欧阳修', channel: 'letter', category: 'product' });
    const byText = await call(env, 'b1_manager', 'GET', `/api/complaints?text=${encodeURIComponent('欧阳')}`);
    expect(byText.body.items.map((i: any) => i.customerName)).toEqual(['欧阳修']);
    const byChannel = await call(env, 'b1_manager', 'GET', '/api/complaints?channel=letter&category=product');
    expect(byChannel.body.items.every((i: any) => i.channel === 'letter' && i.category === 'product')).toBe(true);
    const page = await call(env, 'b1_manager', 'GET', '/api/complaints?pageSize=2&page=1');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect((await call(env, 'b1_manager', 'GET', '/api/complaints?status=nope')).body.field).toBe('status');
    expect((await call(env, 'b1_manager', 'GET', '/api/complaints?pageSize=1000')).status).toBe(400);
  });

  it('edits only what the state allows and refuses a stale version', async () => {
    const c = await accepted(env);
    let r = await call(env, 'b1_clerk', 'PATCH', `/api/complaints/${c.id}`, { location: '二楼贵宾室', version: c.version });
    expect(r.status).toBe(200);
    expect(r.body.location).toBe('二楼贵宾室');
    const stale = await call(env, 'b1_clerk', 'PATCH', `/api/complaints/${c.id}`, { location: '大厅', version: c.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('STALE');
    expect((await get(env, 'b1_clerk', c.id)).body.location).toBe('二楼贵宾室');
    r = await call(env, 'b1_clerk', 'PATCH', `/api/complaints/${c.id}`, { findings: 'x', version: r.body.version });
    expect(r.status).toBe(409);
    expect(r.body.field).toBe('findings');
    const noVersion = await call(env, 'b1_clerk', 'PATCH', `/api/complaints/${c.id}`, { location: '大厅' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.field).toBe('version');
    const noContact = await call(env, 'b1_clerk', 'PATCH', `/api/complaints/${c.id}`, { customerPhone: null, version: (await get(env, 'b1_clerk', c.id)).body.version });
    expect(noContact.status).toBe(400);
    expect(noContact.body.field).toBe('customerPhone');
    const h = await call(env, 'b1_clerk', 'GET', `/api/complaints/${c.id}/history`);
    expect(h.body.items.at(-1)).toMatchObject({ action: 'edit', detail: { changes: { location: { from: '营业部大厅', to: '二楼贵宾室' } } } });
  });

  it('of two concurrent saves with the same version, exactly one wins', async () => {
    const c = await accepted(env);
    await act(env, 'b1_manager', c.id, 'transfer');
    const v = (await get(env, 'b1_manager', c.id)).body.version;
    const results = await Promise.all([
      call(env, 'b1_manager', 'PATCH', `/api/complaints/${c.id}`, { findings: '版本甲', version: v }),
      call(env, 'hq_manager', 'PATCH', `/api/complaints/${c.id}`, { findings: '版本乙', version: v }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.investigation.findings;
    expect((await get(env, 'b1_manager', c.id)).body.investigation.findings).toBe(winner);
  });

  it('records a transfer after the acceptance day as a breach of the same-day rule', async () => {
    const c = await accepted(env);
    env.clock.set('2026-12-01T02:00:00Z');
    try {
      const r = await act(env, 'b1_manager', c.id, 'transfer');
      expect(r.body.transferLate).toBe(true);
      const h = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}/history`);
      expect(h.body.items[1].detail.late).toBe(true);
    } finally {
      env.clock.set('2026-11-30T02:00:00Z');
    }
  });

  it('shows personal data in full only on request, and logs that view', async () => {
    const c = await accepted(env, { idNumber: '410102199001011234', accountNumber: '3100123456789' });
    expect((await get(env, 'b1_manager', c.id)).body).toMatchObject({ idNumber: '4101**********1234', personalDataMasked: true });
    const full = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}?reveal=true`);
    expect(full.body).toMatchObject({ idNumber: '410102199001011234', customerPhone: '13811112222', personalDataMasked: false });
    const h = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}/history`);
    expect(h.body.items.map((i: any) => i.action)).toContain('view_personal_data');
  });

  it('links a new complaint to an earlier one verified "satisfied" by the same customer', async () => {
    const first = await accepted(env, { customerPhone: '13977778888' });
    await act(env, 'b1_manager', first.id, 'transfer');
    await act(env, 'b1_manager', first.id, 'submit', { ...classTwoDraft, outcomeClass: 'no_fault', noFaultReason: 'regulatory_policy', rectifications: [], accountabilityActions: [] });
    await act(env, 'b1_head', first.id, 'approve');
    await act(env, 'hq_head', first.id, 'approve');
    await act(env, 'b1_manager', first.id, 'give_feedback', { feedback: { content: '已向您说明监管规定。', method: 'phone' } });
    await act(env, 'b1_manager', first.id, 'request_verification');
    await act(env, 'b1_manager', first.id, 'close', { callback: satisfied });
    const again = await accepted(env, { customerPhone: '13977778888' });
    expect(again.repeat).toBe(true);
    expect((await get(env, 'hq_head', again.id)).body.repeatOfId).toBe(first.id);
  });

  it('offers no way to delete a complaint', async () => {
    const c = await accepted(env);
    const r = await call(env, 'hq_admin', 'DELETE', `/api/complaints/${c.id}`);
    expect(r.status).toBe(404);
    expect((await get(env, 'b1_manager', c.id)).status).toBe(200);
  });

  it('the database refuses to change or delete audit rows', async () => {
    const db = env.ctx.db.kysely;
    await expect(db.updateTable('audit_log').set({ detail: '{}' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
  });

  it('audit verify finds the first edited or deleted row even when the guard is removed', async () => {
    expect((await verifyAuditChain(env.ctx.db.kysely)).ok).toBe(true);
    const db = env.ctx.db.kysely;
    // An intruder with database rights first removes the append-only guard.
    const guard = async (on: boolean) => {
      if (dialect === 'postgres') await sql.raw(`alter table audit_log ${on ? 'enable' : 'disable'} trigger user`).execute(db);
      else if (!on) {
        await sql`drop trigger audit_log_no_update`.execute(db);
        await sql`drop trigger audit_log_no_delete`.execute(db);
      }
    };
    await guard(false);
    const victim = await db.selectFrom('audit_log').select(['seq', 'detail']).where('seq', '=', 3).executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ detail: '{"tampered":true}' }).where('seq', '=', 3).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3 });
    await db.updateTable('audit_log').set({ detail: victim.detail }).where('seq', '=', 3).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const row4 = await db.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4 });
    await db.insertInto('audit_log').values(row4).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await guard(true);
  });
});

describe('OpenAPI', () => {
  it('documents the contract paths', async () => {
    const env = await makeEnv('sqlite');
    try {
      const doc = (await env.app.inject({ url: '/api/openapi.json' })).json();
      for (const p of ['/api/complaints', '/api/complaints/{id}', '/api/complaints/{id}/actions/{action}', '/api/complaints/{id}/history', '/api/auth/login', '/api/health']) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      expect((await env.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
    } finally {
      await env.close();
    }
  });
});

describe('audit chain head anchoring', () => {
  it('a head recorded outside the database reveals deleted newest entries', async () => {
    const env = await makeEnv('sqlite');
    try {
      await accepted(env);
      const before = await verifyAuditChain(env.ctx.db.kysely);
      expect(before.ok).toBe(true);
      const head = before.head!;
      const db = env.ctx.db.kysely;
      await sql`drop trigger audit_log_no_delete`.execute(db);
      await db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
      expect((await verifyAuditChain(db)).ok).toBe(true);
      expect(await verifyAuditChain(db, undefined, head)).toMatchObject({ ok: false, brokenAt: head.seq });
    } finally {
      await env.close();
    }
  });
});
