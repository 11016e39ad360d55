/**
 * Nothing a client sends may produce a 500: every documented route is called
 * with malformed, mistyped and oversized input by signed-in and anonymous
 * callers, and must answer with a 4xx (or a success) every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnv, recordForm, type TestEnv } from './harness.js';

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
  return [undefined, {}, [], 'text', 42, { unknownField: true }, wrong, huge, nulls, recordForm(), { ...recordForm(), acceptedOn: '1999-01-01' }, { ...recordForm(), version: 'x' }];
}

const fill = (path: string, id: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'action' ? 'transfer' : name === 'year' ? '2027' : name === 'month' ? '2026-13' : name === 'date' ? '2026-02-30' : id));

describe('no 500 for any client input', () => {
  let env: TestEnv;
  let ops: Op[];
  let complaintId: string;

  beforeAll(async () => {
    env = await makeEnv('sqlite', { demoComplaints: true });
    ops = operations((await env.app.inject({ url: '/api/openapi.json' })).json());
    const list = await env.app.inject({ url: '/api/complaints', headers: { cookie: await env.login('hq_head') } });
    complaintId = list.json().items[0].id;
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
        for (const id of [complaintId, 'no-such-id', '%E4%B8%AD', '1 or 1=1']) {
          const url = fill(op.path, encodeURIComponent(id).replace(/%25/g, '%'));
          const bodies = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : badBodies(op);
          for (const body of bodies) {
            const res = await env.app.inject({
              method: op.method as 'GET',
              url: `${url}${op.method === 'GET' ? '?page=-1&pageSize=abc&month=bad&from=2026-99-99&quarter=2026Q9' : ''}`,
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
