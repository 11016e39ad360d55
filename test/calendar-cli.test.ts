/** The calendar CLI commands against a real database: status with the November warning, and loading a year from files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { command as load } from '../src/cli/commands/calendar-load.js';
import { command as status } from '../src/cli/commands/calendar-status.js';
import { loadCalendar, refreshCalendarIfStale } from '../src/modules/calendar/calendar.store.js';
import { buildApp } from '../src/server/app.js';
import { createContext } from '../src/server/bootstrap.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

/** Runs a command, capturing what it prints. */
async function run(cmd: typeof load, args: string[], env: TestEnv) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    const code = await cmd.run(args, env.ctx);
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describeEachDb('calendar CLI', (dialect) => {
  let env: TestEnv;
  let dir: string;
  beforeAll(async () => {
    env = await makeEnv(dialect);
    dir = await mkdtemp(join(tmpdir(), 'cal-cli-'));
  });
  afterAll(async () => {
    await env?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('status warns in November that 2027 is missing, load fixes it', async () => {
    const before = await run(status, [], env);
    expect(before.code).toBe(1);
    expect(before.out).toContain('官方安排年份：2004-2026');
    expect(before.out).toContain('暂定年份（按法定节假日推算）：2027');
    expect(before.out).toContain('提醒：尚未加载2027年');

    const json = join(dir, '2027.json');
    await writeFile(json, JSON.stringify({ year: 2027, holidays: [{ from: '2027-10-01', to: '2027-10-07', name: '国庆节' }], makeupWorkdays: ['2027-10-09'] }));
    const noReason = await run(load, ['2027', json], env);
    expect(noReason.code).toBe(2);
    expect(noReason.out).toContain('请填写变更原因');
    const missing = await run(load, ['2027', join(dir, 'nope.json'), '--reason', 'x'], env);
    expect(missing.code).toBe(2);
    expect(await env.ctx.db.kysely.selectFrom('calendar_versions').selectAll().execute()).toHaveLength(0);

    const ok = await run(load, ['2027', json, '--reason', '国务院办公厅通知'], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('8 条');
    const after = await run(status, [], env);
    expect(after.code).toBe(0);
    expect(after.out).toContain('官方安排年份：2004-2027');
    expect(after.out).not.toContain('提醒');

    // The change is in the history with the machine account as the author, and in force for the API.
    const hist = await call(env, 'hq_admin', 'GET', '/api/calendar/history');
    expect(hist.body.items[0]).toMatchObject({ version: 1, actorId: null, reason: '国务院办公厅通知' });
    expect(hist.body.items[0].actorName).toMatch(/^命令行（/);
    const day = await call(env, 'b1_clerk', 'GET', '/api/calendar/days?from=2027-10-09&to=2027-10-09');
    expect(day.body.items[0]).toMatchObject({ makeupWorkday: true, source: 'official' });
  });

  it('loads only the requested year from a multi-year ICS file', async () => {
    const ics = join(dir, 'cn.ics');
    await writeFile(
      ics,
      ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280101', 'SUMMARY:元旦', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270104', 'SUMMARY:元旦', 'END:VEVENT', 'END:VCALENDAR'].join('\n'),
    );
    const r = await run(load, ['2028', ics, '--reason', '2028年通知'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 条');
    const bad = await run(load, ['2029', ics, '--reason', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('没有 2029 年的条目');
  });

  it('a fresh context loads the administrators’ calendar; loading it twice (bootstrap, then the plugin) is harmless', async () => {
    const ctx = createContext(env.ctx.db, { clock: env.clock });
    expect(ctx.calendar().hasOfficialYear(2027)).toBe(false);
    const [a, b] = await Promise.all([loadCalendar(ctx), loadCalendar(ctx)]);
    expect(a.hasOfficialYear(2027) && b.hasOfficialYear(2027)).toBe(true);
    const first = await loadCalendar(ctx);
    const second = await loadCalendar(ctx);
    expect(ctx.calendar()).toBe(second);
    expect(first.officialYears()).toEqual(second.officialYears());
    // Already current: no reload on the next request.
    expect(await refreshCalendarIfStale(ctx)).toBe(second);
    // The plugin loads it once more at startup; the context keeps the same data.
    const app = await buildApp(ctx);
    await app.ready();
    try {
      expect(ctx.calendar().hasOfficialYear(2028)).toBe(true);
      expect(ctx.calendar().day('2027-10-09')).toMatchObject({ workingDay: true });
    } finally {
      await app.close();
    }
  });
});
