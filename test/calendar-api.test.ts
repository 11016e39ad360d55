/**
 * Calendar API on both databases: day status, deadline calculation with
 * explanations, administrators loading a year and overrides with a version
 * history, recomputation of open complaints' deadlines, the November warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

/** A 2027 schedule as an administrator would type it from the (hypothetical) State Council notice. */
const SCHEDULE_2027 = {
  year: 2027,
  holidays: [
    { from: '2027-01-01', to: '2027-01-03', name: '元旦' },
    { from: '2027-02-05', to: '2027-02-13', name: '春节' },
    { from: '2027-10-01', to: '2027-10-07', name: '国庆节' },
  ],
  makeupWorkdays: ['2027-01-30', '2027-02-20', '2027-09-26', '2027-10-09'],
};

async function complaintRow(env: TestEnv, id: string) {
  return env.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describeEachDb('calendar API', (dialect) => {
  describe('reading days and deadlines', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await makeEnv(dialect);
    });
    afterAll(async () => env?.close());

    it('lists National Day 2026 with the make-up Saturday that is not a trading day', async () => {
      const r = await call(env, 'b1_clerk', 'GET', '/api/calendar/days?from=2026-09-30&to=2026-10-11');
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(12);
      const byDate = Object.fromEntries(r.body.items.map((d: any) => [d.date, d]));
      expect(byDate['2026-09-30']).toMatchObject({ workingDay: true, tradingDay: true, makeupWorkday: false, source: 'official' });
      expect(byDate['2026-10-01']).toMatchObject({ workingDay: false, tradingDay: false, holidayName: '国庆节', source: 'official' });
      expect(byDate['2026-10-10']).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true });
      expect(byDate['2026-10-11']).toMatchObject({ workingDay: false, tradingDay: false });
      expect(byDate['2026-10-11'].holidayName).toBeUndefined();
    });

    it('computes the N-th working day and trading day with the skipped days in words', async () => {
      const w = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2026-09-30&workingDays=3');
      expect(w.status).toBe(200);
      expect(w.body).toMatchObject({ dueOn: '2026-10-09', provisional: false });
      expect(w.body.explanation).toContain('10月1日至7日 国庆节');
      // 10-10 is a make-up working day but the exchanges stay closed: the 4th trading day is 10-12.
      const t = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2026-09-30&tradingDays=4');
      expect(t.body.dueOn).toBe('2026-10-12');
      expect(t.body.explanation).toContain('调休上班日（非交易日）');
      const w4 = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2026-09-30&workingDays=4');
      expect(w4.body.dueOn).toBe('2026-10-10');
    });

    it('marks deadlines touching 2027 (no official schedule yet) as provisional', async () => {
      const r = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2026-12-31&workingDays=3');
      expect(r.body).toMatchObject({ dueOn: '2027-01-05', provisional: true });
      expect(r.body.explanation).toContain('元旦');
      expect(r.body.explanation).toContain('暂定');
      const days = await call(env, 'b1_clerk', 'GET', '/api/calendar/days?from=2027-02-05&to=2027-02-05');
      expect(days.body.items[0]).toMatchObject({ holidayName: '春节', source: 'provisional', workingDay: false });
    });

    it('answers bad input with 400 naming the field', async () => {
      const cases: [string, string][] = [
        ['/api/calendar/days?to=2026-10-01', 'from'],
        ['/api/calendar/days?from=2026-10-01&to=2026-02-30', 'to'],
        ['/api/calendar/days?from=2026-10-05&to=2026-10-01', 'to'],
        ['/api/calendar/days?from=2020-01-01&to=2026-01-01', 'to'],
        ['/api/calendar/due?from=2026-13-01&workingDays=3', 'from'],
        ['/api/calendar/due?from=2026-10-01', 'workingDays'],
        ['/api/calendar/due?from=2026-10-01&workingDays=3&tradingDays=3', 'workingDays'],
        ['/api/calendar/due?from=2026-10-01&workingDays=0', 'workingDays'],
        ['/api/calendar/due?from=2026-10-01&tradingDays=abc', 'tradingDays'],
      ];
      for (const [url, field] of cases) {
        const r = await call(env, 'b1_clerk', 'GET', url);
        expect(r.status, url).toBe(400);
        expect(r.body.field, url).toBe(field);
      }
    });

    it('requires sign-in, and the admin role for changes, history and status', async () => {
      const anon = await env.app.inject({ method: 'GET', url: '/api/calendar/days?from=2026-10-01&to=2026-10-02' });
      expect(anon.statusCode).toBe(401);
      for (const [method, url, body] of [
        ['GET', '/api/calendar/status', undefined],
        ['GET', '/api/calendar/history', undefined],
        ['POST', '/api/calendar/years/2027', { ...SCHEDULE_2027, reason: 'x' }],
        ['POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'exchange_closed', reason: 'x' }],
        ['DELETE', '/api/calendar/overrides/2026-12-01?reason=x', undefined],
      ] as const) {
        const r = await call(env, 'b1_manager', method, url, body);
        expect(r.status, `${method} ${url}`).toBe(403);
      }
      const versions = await env.ctx.db.kysely.selectFrom('calendar_versions').selectAll().execute();
      expect(versions).toHaveLength(0);
    });

    it('warns administrators in November that next year is not loaded', async () => {
      const r = await call(env, 'hq_admin', 'GET', '/api/calendar/status');
      expect(r.status).toBe(200);
      expect(r.body.provisionalYears).toEqual([2027]);
      expect(r.body.officialYears).toContain(2026);
      expect(r.body.officialYears).not.toContain(2027);
      expect(r.body.warning).toContain('2027');
      // In October there is no warning yet.
      env.clock.set('2026-10-15T02:00:00Z');
      const oct = await call(env, 'hq_head', 'GET', '/api/calendar/status');
      expect(oct.status).toBe(200);
      expect(oct.body.warning).toBeUndefined();
      expect(oct.body.provisionalYears).toEqual([2027]);
      // November 1 in Shanghai is still October 31 in Los Angeles, where the tests run.
      env.clock.set('2026-10-31T16:30:00Z');
      expect((await call(env, 'hq_head', 'GET', '/api/calendar/status')).body.warning).toContain('2027');
      env.clock.set('2026-11-30T02:00:00Z');
    });
  });

  describe('changing the calendar', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await makeEnv(dialect);
    });
    afterAll(async () => env?.close());

    it('loading 2027 recomputes open complaints (audited) and leaves finished ones alone', async () => {
      // Accepted the day before the (statutory) Spring Festival of 2027, before the notice is loaded.
      env.clock.set('2027-02-04T02:00:00Z');
      const open = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ customerName: '开放客户' }));
      expect(open.status).toBe(201);
      expect(open.body).toMatchObject({ investigationDueOn: '2027-02-10', feedbackDueOn: '2027-02-11', deadlinesProvisional: true });
      const done = await call(env, 'b1_clerk', 'POST', '/api/complaints', recordForm({ customerName: '撤回客户', customerPhone: '13900001111' }));
      expect((await call(env, 'b1_manager', 'POST', `/api/complaints/${done.body.id}/actions/withdraw`, { reason: '客户撤回' })).status).toBe(200);
      const doneBefore = await complaintRow(env, done.body.id);

      // Bad input first: nothing may change.
      const noReason = await call(env, 'hq_admin', 'POST', '/api/calendar/years/2027', { text: JSON.stringify(SCHEDULE_2027) });
      expect(noReason.status).toBe(400);
      expect(noReason.body.field).toBe('reason');
      const badEntry = await call(env, 'hq_admin', 'POST', '/api/calendar/years/2027', {
        entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-30', kind: 'holiday' }],
        reason: '录入',
      });
      expect(badEntry.status).toBe(400);
      expect(badEntry.body.field).toBe('entries[1].date');
      const wrongYear = await call(env, 'hq_admin', 'POST', '/api/calendar/years/2027', { entries: [{ date: '2028-01-01', kind: 'holiday' }], reason: '录入' });
      expect(wrongYear.body.field).toBe('entries[0].date');
      const badText = await call(env, 'hq_admin', 'POST', '/api/calendar/years/2027', { format: 'json', text: '{"year": 2027, "holidays": [{"date": "2027-01-01"}]}', reason: '录入' });
      expect(badText.status).toBe(400);
      expect(badText.body.field).toBe('text');
      const badYear = await call(env, 'hq_admin', 'POST', '/api/calendar/years/20x7', { entries: [{ date: '2027-01-01', kind: 'holiday' }], reason: '录入' });
      expect(badYear.body.field).toBe('year');
      expect(await env.ctx.db.kysely.selectFrom('calendar_versions').selectAll().execute()).toHaveLength(0);
      expect((await complaintRow(env, open.body.id)).investigation_due_on).toBe('2027-02-10');

      const load = await call(env, 'hq_admin', 'POST', '/api/calendar/years/2027', { format: 'json', text: JSON.stringify(SCHEDULE_2027), reason: '国务院办公厅2027年节假日安排通知' });
      expect(load.status).toBe(200);
      expect(load.body).toMatchObject({ year: 2027, version: 1, recomputed: 1 });

      // 2-5..2-13 off, 2-14 is a Sunday: day 2 is 2-15, day 3 is 2-16.
      const after = await call(env, 'b1_manager', 'GET', `/api/complaints/${open.body.id}`);
      expect(after.body).toMatchObject({ investigationDueOn: '2027-02-16', feedbackDueOn: '2027-02-17', deadlinesProvisional: false });
      const history = await call(env, 'b1_manager', 'GET', `/api/complaints/${open.body.id}/history`);
      const recompute = history.body.items.find((h: any) => h.action === 'recompute_deadlines');
      expect(recompute).toBeDefined();
      expect(recompute.actorId).not.toBeNull();
      expect(recompute.detail).toMatchObject({
        calendarVersion: 1,
        old: { investigationDueOn: '2027-02-10', feedbackDueOn: '2027-02-11', provisional: true },
        new: { investigationDueOn: '2027-02-16', feedbackDueOn: '2027-02-17', provisional: false },
      });

      // The withdrawn complaint keeps the deadlines it was judged by.
      const doneAfter = await complaintRow(env, done.body.id);
      expect(doneAfter).toMatchObject({ investigation_due_on: '2027-02-10', feedback_due_on: '2027-02-11', due_provisional: 1, updated_at: doneBefore.updated_at });
      const doneHistory = await call(env, 'b1_clerk', 'GET', `/api/complaints/${done.body.id}/history`);
      expect(doneHistory.body.items.map((h: any) => h.action)).not.toContain('recompute_deadlines');

      // The calendar in force and the history show the change.
      const due = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2027-02-04&workingDays=3');
      expect(due.body).toMatchObject({ dueOn: '2027-02-16', provisional: false });
      expect(due.body.explanation).toContain('2月5日至14日 春节、周末');
      const days = await call(env, 'b1_clerk', 'GET', '/api/calendar/days?from=2027-02-20&to=2027-02-20');
      expect(days.body.items[0]).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true, source: 'official' });
      const hist = await call(env, 'hq_admin', 'GET', '/api/calendar/history');
      expect(hist.body.items).toHaveLength(1);
      expect(hist.body.items[0]).toMatchObject({ version: 1, action: 'calendar_load_year', reason: '国务院办公厅2027年节假日安排通知', actorName: '系统管理员', recomputed: 1 });
      expect(hist.body.items[0].detail).toMatchObject({ year: 2027, holidays: 19, makeupWorkdays: 4, replacedPrevious: false });
      expect(hist.body.items[0].detail.added).toContainEqual({ date: '2027-10-01', kind: 'holiday', name: '国庆节' });

      // A new application instance over the same database picks the loaded year up at startup.
      const { buildApp } = await import('../src/server/app.js');
      const { createContext } = await import('../src/server/bootstrap.js');
      const ctx2 = createContext(env.ctx.db, { clock: env.clock });
      expect(ctx2.calendar().hasOfficialYear(2027)).toBe(false);
      const app2 = await buildApp(ctx2);
      await app2.ready();
      expect(ctx2.calendar().hasOfficialYear(2027)).toBe(true);
      expect(ctx2.calendar().addWorkingDays('2027-02-04', 3).dueOn).toBe('2027-02-16');
      await app2.close();

      // November 2027: 2028 missing is the new warning; 2027 is no longer provisional.
      env.clock.set('2027-11-02T02:00:00Z');
      const status = await call(env, 'hq_admin', 'GET', '/api/calendar/status');
      expect(status.body.officialYears).toContain(2027);
      expect(status.body.provisionalYears).toEqual([2028]);
      expect(status.body.warning).toContain('2028');
      env.clock.set('2026-11-30T02:00:00Z');
    });

    it('reloading a year from an ICS file records what was added and removed', async () => {
      const ics = [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270101',
        'DTEND;VALUE=DATE:20270104',
        'SUMMARY:元旦',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'DTEND;VALUE=DATE:20270215',
        'SUMMARY:春节',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20280101',
        'SUMMARY:元旦',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      const r = await call(env, 'hq_head', 'POST', '/api/calendar/years/2027', { format: 'ics', text: ics, reason: '更正春节安排' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ version: 2, entries: 12 });
      const hist = await call(env, 'hq_admin', 'GET', '/api/calendar/history');
      const v2 = hist.body.items[0];
      expect(v2).toMatchObject({ version: 2, reason: '更正春节安排', actorName: '李强（经纪业务总部负责人）' });
      expect(v2.detail.replacedPrevious).toBe(true);
      expect(v2.detail.added).toContainEqual({ date: '2027-02-14', kind: 'holiday', name: '春节' });
      expect(v2.detail.removed).toContainEqual({ date: '2027-02-05', kind: 'holiday', name: '春节' });
      expect(v2.detail.removed).toContainEqual({ date: '2027-10-01', kind: 'holiday', name: '国庆节' });
      // The 2028 event in the file is not loaded.
      const days = await call(env, 'b1_clerk', 'GET', '/api/calendar/days?from=2028-01-01&to=2028-01-01');
      expect(days.body.items[0].source).toBe('provisional');
      // Audited in the hash chain as well.
      const audit = await env.ctx.db.kysely.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_type', '=', 'calendar').execute();
      expect(audit.map((a) => a.action)).toEqual(['calendar_load_year', 'calendar_load_year']);
    });

    it('sets and removes an exchange closure as a single-day override', async () => {
      const bad = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'closed', reason: '台风' });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('kind');
      const badDate = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-32', kind: 'exchange_closed', reason: '台风' });
      expect(badDate.body.field).toBe('date');
      const noReason = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'exchange_closed', reason: ' ' });
      expect(noReason.body.field).toBe('reason');
      const before = (await call(env, 'hq_admin', 'GET', '/api/calendar/history')).body.items.length;

      const set = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'exchange_closed', name: '交易所临时休市', reason: '台风停市' });
      expect(set.status).toBe(201);
      expect(set.body.day).toMatchObject({ date: '2026-12-01', workingDay: true, tradingDay: false, source: 'override' });
      const due = await call(env, 'b1_clerk', 'GET', '/api/calendar/due?from=2026-12-01&tradingDays=1');
      expect(due.body.dueOn).toBe('2026-12-02');
      expect(due.body.explanation).toContain('12月1日 休市');
      const list = await call(env, 'hq_admin', 'GET', '/api/calendar/overrides');
      expect(list.body.items).toEqual([expect.objectContaining({ date: '2026-12-01', kind: 'exchange_closed', name: '交易所临时休市' })]);

      const missing = await call(env, 'hq_admin', 'DELETE', '/api/calendar/overrides/2026-12-02?reason=x');
      expect(missing.status).toBe(404);
      const noWhy = await call(env, 'hq_admin', 'DELETE', '/api/calendar/overrides/2026-12-01');
      expect(noWhy.status).toBe(400);
      expect(noWhy.body.field).toBe('reason');
      const del = await call(env, 'hq_admin', 'DELETE', '/api/calendar/overrides/2026-12-01?reason=%E5%A4%8D%E5%B8%82');
      expect(del.status).toBe(200);
      expect(del.body.day).toMatchObject({ tradingDay: true, source: 'official' });

      const hist = (await call(env, 'hq_admin', 'GET', '/api/calendar/history')).body.items;
      expect(hist).toHaveLength(before + 2);
      expect(hist[0]).toMatchObject({ action: 'calendar_remove_override', reason: '复市', detail: { date: '2026-12-01' } });
      expect(hist[1]).toMatchObject({ action: 'calendar_set_override', reason: '台风停市', detail: { date: '2026-12-01', kind: 'exchange_closed' } });
    });

    it('a change made on one app node is in force on another before it accepts a complaint', async () => {
      const { buildApp } = await import('../src/server/app.js');
      const { createContext } = await import('../src/server/bootstrap.js');
      const node2 = createContext(env.ctx.db, { clock: env.clock });
      const app2 = await buildApp(node2);
      await app2.ready();
      try {
        const login = await app2.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'b1_clerk', password: 'demo12345' } });
        const cookie = login.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
        // Node 1 declares 2026-12-01 a day off after node 2 has loaded its calendar.
        const set = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'holiday', name: '临时放假', reason: '跨节点' });
        expect(set.status).toBe(201);
        const created = await app2.inject({ method: 'POST', url: '/api/complaints', payload: recordForm({ customerPhone: '13600004444' }), headers: { cookie } });
        expect(created.statusCode).toBe(201);
        expect(created.json().investigationDueOn).toBe('2026-12-03');
        await call(env, 'hq_admin', 'DELETE', '/api/calendar/overrides/2026-12-01?reason=undo');
        const due = await app2.inject({ method: 'GET', url: '/api/calendar/due?from=2026-11-30&workingDays=3', headers: { cookie } });
        expect(due.json().dueOn).toBe('2026-12-02');
      } finally {
        await app2.close();
      }
    });

    it('a holiday override moves the deadline of a complaint accepted today', async () => {
      env.clock.set('2026-11-30T02:00:00Z');
      const c = await call(env, 'b2_clerk', 'POST', '/api/complaints', recordForm({ customerPhone: '13700002222' }));
      expect(c.body.investigationDueOn).toBe('2026-12-02');
      const set = await call(env, 'hq_admin', 'POST', '/api/calendar/overrides', { date: '2026-12-01', kind: 'holiday', name: '临时放假', reason: '演练' });
      expect(set.body.recomputed).toBeGreaterThanOrEqual(1);
      const after = await call(env, 'b2_manager', 'GET', `/api/complaints/${c.body.id}`);
      expect(after.body.investigationDueOn).toBe('2026-12-03');
      // New complaints use the changed calendar at once.
      const c2 = await call(env, 'b2_clerk', 'POST', '/api/complaints', recordForm({ customerPhone: '13700003333' }));
      expect(c2.body.investigationDueOn).toBe('2026-12-03');
      await call(env, 'hq_admin', 'DELETE', '/api/calendar/overrides/2026-12-01?reason=undo');
      expect((await call(env, 'b2_manager', 'GET', `/api/complaints/${c.body.id}`)).body.investigationDueOn).toBe('2026-12-02');
    });
  });
});
