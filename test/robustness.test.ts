/**
 * Nothing a client sends may produce a 500: every documented route is called
 * with malformed, mistyped and oversized input by signed-in and anonymous
 * callers, and must answer with a 4xx (or a success) every time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

interface Op {
  method: string;
  path: string;
  body?: { properties?: Record<string, { type?: string }> };
}

function operations(doc: any): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, body: schema });
    }
  }
  return ops;
}

/** Wrong-typed values for each declared property, plus shapes that are not objects at all. */
function badBodies(op: Op): unknown[] {
  const props = Object.keys(op.body?.properties ?? {});
  const wrong = Object.fromEntries(props.map((p) => [p, op.body!.properties![p].type === 'string' ? 12345 : 'not-a-number']));
  const huge = Object.fromEntries(props.map((p) => [p, 'x'.repeat(100_000)]));
  const nulls = Object.fromEntries(props.map((p) => [p, null]));
  const nul = Object.fromEntries(props.map((p) => [p, '张\u0000三']));
  return [undefined, {}, [], 'text', 42, nul, { ...recordForm(), narrative: 'a\u0000b' }, { unknownField: true }, wrong, huge, nulls, recordForm(), { ...recordForm(), acceptedOn: '1999-01-01' }, { ...recordForm(), version: 'x' }];
}

/** Query strings that are malformed, out of range or carry NUL; GET routes cycle through them. */
const GET_QUERIES = [
  '?page=-1&pageSize=abc&month=bad&from=2026-99-99&quarter=2026Q9',
  '?month=2099-12&from=2099-01&to=2099-12&quarter=2099Q4&tradingDays=5&workingDays=5',
  '?month=0000-01&from=1900-01&to=1900-02&code=AB%00C&phoneLast4=12%0034',
  '?from=2099-12-31&to=2100-01-31&tradingDays=9999&workingDays=0',
];
let n = 0;

let branchId = '';
const fill = (path: string, id: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const month = MONTHS[n % MONTHS.length];
    if (name === 'action') return 'transfer';
    if (name === 'year') return ['2027', '1800', '0'][n % 3];
    if (name === 'month') return month;
    if (name === 'file') return `${month}.${n % 2 ? 'xlsx' : 'pdf'}`;
    if (name === 'date') return ['2026-02-30', '2099-12-31', '1900-01-01'][n % 3];
    // A real branch half the time, so month and file checks are reached.
    if (name === 'branchId') return n % 2 ? branchId : id;
    return id;
  });

const MONTHS = ['2026-13', '0000-01', '2099-12', '2026-10'];

describeEachDb('no 500 for any client input', (dialect) => {
  let env: TestEnv;
  let ops: Op[];
  let complaintId: string;

  beforeAll(async () => {
    env = await makeEnv(dialect, { demoComplaints: true });
    ops = operations((await env.app.inject({ url: '/api/openapi.json' })).json());
    const list = await env.app.inject({ url: '/api/complaints', headers: { cookie: await env.login('hq_head') } });
    complaintId = list.json().items[0].id;
    const units = await env.app.inject({ url: '/api/units', headers: { cookie: await env.login('hq_head') } });
    branchId = units.json().items.find((u: { code: string }) => u.code === 'B01').id;
    // Sign everyone in first: the anonymous pass hammers the login route into its rate limit.
    for (const u of ['b1_clerk', 'hq_admin']) await env.login(u);
  });
  afterAll(() => env?.close());

  it('documents a good number of routes', () => {
    expect(ops.length).toBeGreaterThan(40);
  });

  for (const who of ['anonymous', 'b1_clerk', 'hq_head', 'hq_admin']) {
    it(`answers every route with < 500 for ${who}`, async () => {
      const cookie = who === 'anonymous' ? undefined : await env.login(who);
      const failures: string[] = [];
      for (const op of ops) {
        for (const id of [complaintId, 'no-such-id', '%E4%B8%AD', '1 or 1=1', 'AB%00C']) {
          n++;
          const url = fill(op.path, encodeURIComponent(id).replace(/%25/g, '%'));
          const bodies = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : badBodies(op);
          for (const body of bodies) {
            const res = await env.app.inject({
              method: op.method as 'GET',
              url: `${url}${op.method === 'GET' ? GET_QUERIES[(n++) % GET_QUERIES.length] : ''}`,
              headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
              payload: body === undefined ? undefined : JSON.stringify(body),
            });
            if (res.statusCode >= 500) failures.push(`${op.method} ${url} ${JSON.stringify(body)?.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('still works afterwards and the audit chain is intact', async () => {
    const r = await env.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    const { verifyAuditChain } = await import('../src/modules/audit/audit.js');
    expect((await verifyAuditChain(env.ctx.db.kysely)).ok).toBe(true);
  });
});
