import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

describeEachDb('organisation, users and helpers API', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('lists HQ, both branches and the HQ departments', async () => {
    const r = await call(env, 'b1_clerk', 'GET', '/api/units');
    expect(r.body.items.map((u: any) => u.code)).toEqual(['B01', 'B02', 'D-IT', 'D-LEGAL', 'D-OPS', 'HQ']);
    expect(r.body.items.find((u: any) => u.code === 'B01').approvalLevels).toEqual(['branch_head', 'hq_head']);
  });

  it('branch staff see only their branch colleagues; HQ sees everyone', async () => {
    const b1 = await call(env, 'b1_clerk', 'GET', '/api/users');
    expect(b1.body.items.map((u: any) => u.username).sort()).toEqual(['b1_clerk', 'b1_head', 'b1_manager']);
    const hq = await call(env, 'hq_head', 'GET', '/api/users?role=complaint_manager');
    expect(hq.body.items.map((u: any) => u.username).sort()).toEqual(['b1_manager', 'b2_manager', 'hq_manager']);
  });

  it('only an admin creates users; weak passwords and duplicates are refused; a disabled user cannot sign in', async () => {
    const units = (await call(env, 'hq_admin', 'GET', '/api/units')).body.items;
    const b1 = units.find((u: any) => u.code === 'B01').id;
    const body = { username: 'new_clerk', displayName: '新柜员', unitId: b1, roles: ['clerk'], password: 'abcdefgh1' };
    expect((await call(env, 'b1_head', 'POST', '/api/users', body)).status).toBe(403);
    const weak = await call(env, 'hq_admin', 'POST', '/api/users', { ...body, password: 'abcdefghij' });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('password');
    const badRole = await call(env, 'hq_admin', 'POST', '/api/users', { ...body, roles: ['king'] });
    expect(badRole.status).toBe(400);
    const ok = await call(env, 'hq_admin', 'POST', '/api/users', body);
    expect(ok.status).toBe(201);
    expect((await call(env, 'hq_admin', 'POST', '/api/users', body)).status).toBe(409);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new_clerk', password: 'abcdefgh1' } })).statusCode).toBe(200);
    expect((await call(env, 'hq_admin', 'POST', `/api/users/${ok.body.id}/disable`, { disabled: true })).status).toBe(200);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new_clerk', password: 'abcdefgh1' } })).statusCode).toBe(401);
  });

  it('checks text for forbidden phrases and offers templates per outcome class', async () => {
    const bad = await call(env, 'b1_manager', 'POST', '/api/phrases/check', { text: '这事情的责任不在证券公司' });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.hits[0].phrase).toBe('责任不在证券公司');
    const t = await call(env, 'b1_manager', 'GET', '/api/templates');
    expect(t.body.items).toHaveLength(4);
    for (const item of t.body.items) {
      const check = await call(env, 'b1_manager', 'POST', '/api/phrases/check', { text: item.text });
      expect(check.body.ok, item.outcomeClass).toBe(true);
    }
  });

  it('logout ends the session', async () => {
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b2_clerk', password: 'demo12345' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describeEachDb('organisation administration', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('an admin opens a new branch whose complaints get its approval chain and numbering', async () => {
    expect((await call(env, 'hq_head', 'POST', '/api/units', { code: 'B03', name: '开封证券营业部', kind: 'branch' })).status).toBe(403);
    const bad = await call(env, 'hq_admin', 'POST', '/api/units', { code: 'B03', name: '开封证券营业部', kind: 'branch', approvalLevels: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('approvalLevels');
    const r = await call(env, 'hq_admin', 'POST', '/api/units', { code: 'b03', name: '开封证券营业部', kind: 'branch' });
    expect(r.status).toBe(201);
    expect((await call(env, 'hq_admin', 'POST', '/api/units', { code: 'B03', name: '重复', kind: 'branch' })).status).toBe(409);
    const created = await call(env, 'hq_manager', 'POST', '/api/complaints', recordForm({ acceptingUnitId: r.body.id }));
    expect(created.body.number).toMatch(/^B03-/);
    expect((await call(env, 'hq_admin', 'PATCH', `/api/units/${r.body.id}`, { approvalLevels: ['hq_head', 'company_leader'] })).status).toBe(200);
    const units = (await call(env, 'hq_admin', 'GET', '/api/units')).body.items;
    expect(units.find((u: any) => u.code === 'B03').approvalLevels).toEqual(['hq_head', 'company_leader']);
  });

  it('an admin extends the business-link taxonomy; complaints may then use it', async () => {
    const bad = await call(env, 'hq_admin', 'PUT', '/api/business-links/Bad Code', { name: 'x', active: true });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('code');
    expect((await call(env, 'hq_admin', 'PUT', '/api/business-links/options', { name: '股票期权', active: true })).status).toBe(200);
    const links = (await call(env, 'b1_clerk', 'GET', '/api/business-links')).body.items;
    expect(links.at(-1)).toMatchObject({ code: 'options', name: '股票期权', active: true });
    const c = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ businessLink: 'options' }));
    expect(c.status).toBe(201);
  });
});

describeEachDb('changing one\'s own password', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env?.close());

  it('needs the current password, meets the rules, ends other sessions and keeps this one', async () => {
    const other = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b2_head', password: 'demo12345' } });
    const otherCookie = other.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const wrong = await call(env, 'b2_head', 'POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'better-pass-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('currentPassword');
    const weak = await call(env, 'b2_head', 'POST', '/api/auth/password', { currentPassword: 'demo12345', newPassword: 'short' });
    expect(weak.body.field).toBe('newPassword');
    const ok = await call(env, 'b2_head', 'POST', '/api/auth/password', { currentPassword: 'demo12345', newPassword: 'better-pass-2' });
    expect(ok.status).toBe(200);
    const fresh = ok.res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b2_head', password: 'better-pass-2' } })).statusCode).toBe(200);
  });
});
