/**
 * The customer portal end to end through the real app: a customer files online
 * (challenge, privacy notice), tracks progress without seeing anything internal,
 * and answers the satisfaction survey; the complaint reaches only its branch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

/** Solve the challenge like a person would. */
function solve(question: string): string {
  const m = /(\d+) (加|减) (\d+)/.exec(question);
  if (!m) throw new Error(`unexpected question ${question}`);
  return String(m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3]));
}

let ipSeq = 1;
/** Each test its own client address, so the per-address rate limit only bites where a test wants it. */
const freshIp = () => `10.0.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

async function pub(env: TestEnv, method: 'GET' | 'POST', url: string, payload?: unknown, ip = '10.9.9.9') {
  const res = await env.app.inject({ method, url, payload: payload as never, remoteAddress: ip });
  return { status: res.statusCode, body: res.json(), text: res.body };
}

async function branchId(env: TestEnv, name: RegExp): Promise<string> {
  const r = await pub(env, 'GET', '/api/portal/branches');
  const b = (r.body.items as { id: string; name: string }[]).find((i) => name.test(i.name));
  if (!b) throw new Error('branch not found');
  return b.id;
}

async function challenge(env: TestEnv, ip: string) {
  const r = await pub(env, 'GET', '/api/portal/challenge', undefined, ip);
  expect(r.status).toBe(200);
  return { challengeId: r.body.id as string, challengeAnswer: solve(r.body.question), question: r.body.question as string };
}

async function form(env: TestEnv, ip: string, overrides: Record<string, unknown> = {}) {
  const c = await challenge(env, ip);
  return {
    customerName: '网上客户',
    customerPhone: '139-0000-6789',
    unitId: await branchId(env, /花园路/),
    reason: '网上交易系统多次登录失败',
    narrative: '本周一上午开盘后网上交易系统无法登录，拨打客服电话无人接听。',
    occurredAt: '2026-11-30 09:31',
    challengeId: c.challengeId,
    challengeAnswer: c.challengeAnswer,
    privacyAccepted: true,
    ...overrides,
  };
}

const countComplaints = async (env: TestEnv) => Number((await env.ctx.db.kysely.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Take a complaint through the workflow to `verifying` with the real API, as four different staff. */
async function driveToVerifying(env: TestEnv, id: string) {
  const steps: [string, string, unknown][] = [
    ['b1_clerk', 'transfer', {}],
    ['b1_manager', 'submit', { findings: '经核查系统日志，系机房网络设备故障所致，工程师王五已修复', outcomeClass: 'no_fault', noFaultReason: 'force_majeure', handlingOpinion: '向客户解释原因并致歉' }],
    ['b1_head', 'approve', {}],
    ['hq_head', 'approve', {}],
    ['b1_manager', 'give_feedback', { feedback: { content: '经核查，系网络设备故障导致，现已修复，给您带来不便深表歉意。', method: 'phone' } }],
    ['b1_manager', 'request_verification', {}],
  ];
  for (const [user, action, body] of steps) {
    const r = await call(env, user, 'POST', `/api/complaints/${id}/actions/${action}`, body);
    if (r.status !== 200) throw new Error(`${action} by ${user}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

describeEachDb('customer portal', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env.close());

  it('lists branches and HQ for the form, never departments', async () => {
    const r = await pub(env, 'GET', '/api/portal/branches');
    expect(r.status).toBe(200);
    const names = (r.body.items as { name: string }[]).map((i) => i.name);
    expect(names).toEqual(['郑州花园路证券营业部', '洛阳中州路证券营业部', '经纪业务总部']);
    expect(Object.keys(r.body.items[0]).sort()).toEqual(['id', 'name']);
  });

  it('serves the privacy notice with purpose, retention and who sees the data', async () => {
    const r = await pub(env, 'GET', '/api/portal/privacy');
    expect(r.status).toBe(200);
    expect(r.body.purpose).toContain('投诉处理办法');
    expect(r.body.retention).toContain('5 年');
    expect(r.body.recipients).toContain('营业部');
    expect(r.body.text).toContain('保存期限');
  });

  it('a customer files online, gets a tracking code and follows progress', async () => {
    const ip = freshIp();
    const before = await countComplaints(env);
    const body = await form(env, ip);
    const r = await pub(env, 'POST', '/api/portal/complaints', body, ip);
    expect(r.status).toBe(201);
    expect(r.body.trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    expect(r.body.number).toMatch(/^B01-20261130-\d{3}$/);
    expect(r.body).toMatchObject({ acceptedOn: '2026-11-30', investigationDueOn: '2026-12-02', feedbackDueOn: '2026-12-03' });
    expect(r.body.privacyNotice.retention).toContain('5 年');
    expect(await countComplaints(env)).toBe(before + 1);

    const row = await env.ctx.db.kysely.selectFrom('complaints').selectAll().where('tracking_code', '=', r.body.trackingCode).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'online', channel: 'online', category: 'process', accepted_by: null, customer_phone: '13900006789', status: 'received' });
    expect(JSON.parse(row.channel_details)).toMatchObject({ privacyAccepted: true, via: 'portal' });
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', row.id).execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['accept', null]]);

    // Lower case with a dash still finds it: customers copy codes from SMS.
    const code = r.body.trackingCode as string;
    const t = await pub(env, 'GET', `/api/portal/track?code=${code.slice(0, 5).toLowerCase()}-${code.slice(5)}&phoneLast4=6789`, undefined, ip);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ number: r.body.number, status: 'received', stage: '已受理', acceptedOn: '2026-11-30', investigationDueOn: '2026-12-02', feedbackDueOn: '2026-12-03' });
    expect(t.body.steps[0]).toEqual({ key: 'accepted', label: '投诉受理', done: true, date: '2026-11-30' });
    expect(t.body.steps.filter((s: { done: boolean }) => s.done)).toHaveLength(1);
    expect(t.text).not.toContain('13900006789');

    // The challenge was consumed with the filing: it cannot file a second complaint.
    const again = await pub(env, 'POST', '/api/portal/complaints', body, ip);
    expect(again.status).toBe(400);
    expect(again.body.field).toBe('challengeAnswer');
    expect(await countComplaints(env)).toBe(before + 1);
  });

  it('reaches the chosen branch only: b1 staff list it, b2 staff neither list nor open it', async () => {
    const ip = freshIp();
    const r = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerName: '分行可见性客户' }), ip);
    expect(r.status).toBe(201);
    const b1 = await call(env, 'b1_clerk', 'GET', `/api/complaints?text=${encodeURIComponent('分行可见性客户')}`);
    expect(b1.status).toBe(200);
    expect(b1.body.items.map((i: { number: string }) => i.number)).toEqual([r.body.number]);
    expect(b1.body.items[0]).toMatchObject({ channel: 'online', source: 'online' });
    const b2 = await call(env, 'b2_clerk', 'GET', `/api/complaints?text=${encodeURIComponent('分行可见性客户')}`);
    expect(b2.body.items).toEqual([]);
    const id = b1.body.items[0].id as string;
    expect((await call(env, 'b2_manager', 'GET', `/api/complaints/${id}`)).status).toBe(404);
  });

  it('refuses a filing without the privacy consent, naming the field, and keeps the challenge usable', async () => {
    const ip = freshIp();
    const before = await countComplaints(env);
    const body = await form(env, ip);
    const { privacyAccepted: _omit, ...withoutPrivacy } = body;
    const r = await pub(env, 'POST', '/api/portal/complaints', withoutPrivacy, ip);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('privacyAccepted');
    const f = await pub(env, 'POST', '/api/portal/complaints', { ...body, privacyAccepted: false }, ip);
    expect(f.body.field).toBe('privacyAccepted');
    expect(await countComplaints(env)).toBe(before);
    // Nothing was consumed: the same challenge files once consent is given.
    expect((await pub(env, 'POST', '/api/portal/complaints', body, ip)).status).toBe(201);
  });

  it('refuses a phone number that is not one, naming customerPhone', async () => {
    const ip = freshIp();
    const before = await countComplaints(env);
    for (const phone of ['12345', 'call me', '1390000678x', '']) {
      const r = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerPhone: phone }), ip);
      expect(r.status, phone).toBe(400);
      expect(r.body.field).toBe('customerPhone');
    }
    expect(await countComplaints(env)).toBe(before);
    // A landline with area code and a +86 mobile are fine.
    expect((await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerPhone: '0371-6555 1234' }), ip)).status).toBe(201);
    // (from another address: the four refusals above count against this one's limit of five a minute)
    const ip2 = freshIp();
    const intl = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip2, { customerPhone: '+86 139 0000 4455' }), ip2);
    expect(intl.status).toBe(201);
    const stored = await env.ctx.db.kysely.selectFrom('complaints').select('customer_phone').where('tracking_code', '=', intl.body.trackingCode).executeTakeFirstOrThrow();
    expect(stored.customer_phone).toBe('13900004455');
  });

  it('a wrong answer burns the challenge; an expired one is refused; an unknown branch is refused', async () => {
    const ip = freshIp();
    const before = await countComplaints(env);
    const body = await form(env, ip);
    const wrong = await pub(env, 'POST', '/api/portal/complaints', { ...body, challengeAnswer: String(Number(body.challengeAnswer) + 1) }, ip);
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('challengeAnswer');
    const retry = await pub(env, 'POST', '/api/portal/complaints', body, ip);
    expect(retry.status).toBe(400);
    expect(retry.body.field).toBe('challengeAnswer');

    const late = await form(env, ip);
    env.clock.set('2026-11-30T02:11:00Z');
    try {
      const expired = await pub(env, 'POST', '/api/portal/complaints', late, ip);
      expect(expired.status).toBe(400);
      expect(expired.body.field).toBe('challengeAnswer');
    } finally {
      env.clock.set('2026-11-30T02:00:00Z');
    }
    const dept = await env.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', 'D-LEGAL').executeTakeFirstOrThrow();
    const d = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { unitId: dept.id }), ip);
    expect(d.status).toBe(400);
    expect(d.body.field).toBe('unitId');
    expect(await countComplaints(env)).toBe(before);
  });

  it('wrong code or wrong last four digits give the same 404, and tracking never shows staff, findings or phone', async () => {
    const ip = freshIp();
    const r = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerName: '进度客户', customerPhone: '13712345678' }), ip);
    const code = r.body.trackingCode as string;
    const row = await env.ctx.db.kysely.selectFrom('complaints').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await driveToVerifying(env, row.id);

    const wrongLast4 = await pub(env, 'GET', `/api/portal/track?code=${code}&phoneLast4=5679`, undefined, ip);
    const wrongCode = await pub(env, 'GET', `/api/portal/track?code=ZZZZZZZZZZ&phoneLast4=5678`, undefined, ip);
    expect(wrongLast4.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongLast4.body).toEqual(wrongCode.body);
    expect(wrongLast4.text).not.toContain(r.body.number);

    const t = await pub(env, 'GET', `/api/portal/track?code=${code}&phoneLast4=5678`, undefined, ip);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ status: 'verifying', stage: '待回访验证' });
    expect(t.body.steps.map((s: { key: string; done: boolean }) => [s.key, s.done])).toEqual([
      ['accepted', true], ['investigation', true], ['feedback', true], ['rectification', true], ['verification', false], ['closed', false],
    ]);
    for (const secret of ['刘洋', '周建', '李强', '陈晓', '王五', '网络设备故障', '13712345678', '进度客户', 'managerId', 'findings', '致歉']) {
      expect(t.text, secret).not.toContain(secret);
    }
    expect(Object.keys(t.body).sort()).toEqual(['acceptedOn', 'feedbackDueOn', 'investigationDueOn', 'number', 'stage', 'status', 'steps']);
  });

  it('survey: open while verifying, stored once and audited, visible to b1 staff and not to b2', async () => {
    const ip = freshIp();
    const r = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerPhone: '13655554321' }), ip);
    const code = r.body.trackingCode as string;
    const row = await env.ctx.db.kysely.selectFrom('complaints').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();

    const early = await pub(env, 'GET', `/api/portal/survey?code=${code}&phoneLast4=4321`, undefined, ip);
    expect(early.body).toEqual({ number: r.body.number, canRespond: false, alreadyResponded: false });
    const refused = await pub(env, 'POST', '/api/portal/survey', { code, phoneLast4: '4321', satisfaction: 'satisfied' }, ip);
    expect(refused.status).toBe(409);

    await driveToVerifying(env, row.id);
    expect((await pub(env, 'GET', `/api/portal/survey?code=${code}&phoneLast4=4321`, undefined, ip)).body.canRespond).toBe(true);
    expect((await pub(env, 'POST', '/api/portal/survey', { code, phoneLast4: '0000', satisfaction: 'satisfied' }, ip)).status).toBe(404);
    const ok = await pub(env, 'POST', '/api/portal/survey', { code, phoneLast4: '4321', satisfaction: 'basically_satisfied', comment: '处理及时' }, ip);
    expect(ok.status).toBe(201);
    const twice = await pub(env, 'POST', '/api/portal/survey', { code, phoneLast4: '4321', satisfaction: 'dissatisfied' }, ip);
    expect(twice.status).toBe(409);
    expect((await pub(env, 'GET', `/api/portal/survey?code=${code}&phoneLast4=4321`, undefined, ip)).body).toEqual({ number: r.body.number, canRespond: false, alreadyResponded: true });

    const stored = await env.ctx.db.kysely.selectFrom('portal_surveys').selectAll().where('complaint_id', '=', row.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ satisfaction: 'basically_satisfied', comment: '处理及时' });
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', row.id).where('action', '=', 'customer_survey').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBeNull();
    expect(JSON.parse(audit[0].detail)).toMatchObject({ satisfaction: 'basically_satisfied' });

    const staff = await call(env, 'b1_manager', 'GET', `/api/complaints/${row.id}/survey`);
    expect(staff.status).toBe(200);
    expect(staff.body.items).toEqual([expect.objectContaining({ satisfaction: 'basically_satisfied', comment: '处理及时', round: 1 })]);
    expect((await call(env, 'b2_manager', 'GET', `/api/complaints/${row.id}/survey`)).status).toBe(404);
  });

  it('survey closes 30 days after the complaint is closed', async () => {
    const ip = freshIp();
    const r = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerPhone: '13655551111' }), ip);
    const code = r.body.trackingCode as string;
    const row = await env.ctx.db.kysely.selectFrom('complaints').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await driveToVerifying(env, row.id);
    const close = await call(env, 'b1_manager', 'POST', `/api/complaints/${row.id}/actions/close`, {
      callback: { satisfaction: 'satisfied', rectificationDone: true, rectificationEffective: true, handlingProper: true },
    });
    expect(close.status).toBe(200);
    const t = await pub(env, 'GET', `/api/portal/track?code=${code}&phoneLast4=1111`, undefined, ip);
    expect(t.body).toMatchObject({ status: 'closed', stage: '已办结', closedOn: '2026-11-30' });
    expect(t.body.steps.every((s: { done: boolean }) => s.done)).toBe(true);
    expect((await pub(env, 'GET', `/api/portal/survey?code=${code}&phoneLast4=1111`, undefined, ip)).body.canRespond).toBe(true);
    env.clock.set('2027-01-05T02:00:00Z');
    try {
      expect((await pub(env, 'GET', `/api/portal/survey?code=${code}&phoneLast4=1111`, undefined, ip)).body.canRespond).toBe(false);
      expect((await pub(env, 'POST', '/api/portal/survey', { code, phoneLast4: '1111', satisfaction: 'satisfied' }, ip)).status).toBe(409);
    } finally {
      env.clock.set('2026-11-30T02:00:00Z');
    }
    expect(await env.ctx.db.kysely.selectFrom('portal_surveys').select('id').where('complaint_id', '=', row.id).execute()).toEqual([]);
  });
});

describeEachDb('customer portal rate limits', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env.close());

  it('the sixth filing within a minute from one address gets 429 and files nothing', async () => {
    const ip = '10.200.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerName: `限流客户${i}` }), ip)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const before = await countComplaints(env);
    const sixth = await pub(env, 'POST', '/api/portal/complaints', await form(env, ip, { customerName: '限流客户5' }), ip);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toBe('RATE_LIMITED');
    expect(await countComplaints(env)).toBe(before);
    // Another address is not affected.
    const other = '10.200.0.2';
    expect((await pub(env, 'POST', '/api/portal/complaints', await form(env, other), other)).status).toBe(201);
  });

  it('progress lookups are limited too', async () => {
    const ip = '10.200.1.1';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await pub(env, 'GET', `/api/portal/track?code=ABCDEFGHJK&phoneLast4=1234`, undefined, ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('portal challenge answers', () => {
  it('accepts full-width digits typed with a Chinese input method', async () => {
    const { normaliseAnswer } = await import('../src/modules/portal/challenge.js');
    expect(normaliseAnswer(' １２ ')).toBe('12');
    expect(normaliseAnswer('07')).toBe('7');
    expect(normaliseAnswer('0')).toBe('0');
  });
});
