/**
 * Several stateless app nodes on one PostgreSQL: concurrent work on two nodes
 * keeps complaint numbers unique and gap-free, the audit chain linear, and a
 * session made on one node valid on the other.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { verifyAuditChain } from '../src/modules/audit/audit.js';
import { buildApp } from '../src/server/app.js';
import { createContext } from '../src/server/bootstrap.js';
import { DIALECTS, makeEnv, PG_URL, recordForm, type TestEnv } from './harness.js';

describe.runIf(DIALECTS.includes('postgres'))('two app nodes on one PostgreSQL', () => {
  let env: TestEnv;
  let node2: Awaited<ReturnType<typeof buildApp>>;
  let close2: () => Promise<void>;

  beforeAll(async () => {
    env = await makeEnv('postgres');
    const [{ schema }] = (await sql<{ schema: string }>`select current_schema() as schema`.execute(env.ctx.db.kysely)).rows;
    const db2 = openDatabase(PG_URL, { pgSchema: schema });
    node2 = await buildApp(createContext(db2, { clock: env.clock, dataDir: env.ctx.dataDir }));
    close2 = async () => {
      await node2.close();
      await db2.close();
    };
  });
  afterAll(async () => {
    await close2?.();
    await env?.close();
  });

  it('a session from node 1 works on node 2', async () => {
    const cookie = await env.login('b1_clerk');
    const me = await node2.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.username).toBe('b1_clerk');
  });

  it('concurrent acceptances and actions on both nodes keep numbers unique and the audit chain intact', async () => {
    const clerk = await env.login('b1_clerk');
    const manager = await env.login('b1_manager');
    const nodes = [env.app, node2];
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        nodes[i % 2].inject({ method: 'POST', url: '/api/complaints', headers: { cookie: clerk }, payload: recordForm({ customerName: `并发客户${i}` }) }),
      ),
    );
    expect(created.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const numbers = created.map((r) => r.json().number as string).sort();
    expect(new Set(numbers).size).toBe(24);
    const seqs = numbers.map((n) => Number(n.split('-').at(-1))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    // Every complaint transferred at once through alternating nodes.
    const moved = await Promise.all(
      created.map((r, i) => nodes[(i + 1) % 2].inject({ method: 'POST', url: `/api/complaints/${r.json().id}/actions/transfer`, headers: { cookie: manager }, payload: {} })),
    );
    expect(moved.map((r) => r.statusCode)).toEqual(Array(24).fill(200));
    const report = await verifyAuditChain(env.ctx.db.kysely);
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThanOrEqual(48);
  });

  it('the same action raced on two nodes happens once; the other gets a 409', async () => {
    const clerk = await env.login('b1_clerk');
    const manager = await env.login('b1_manager');
    const c = (await env.app.inject({ method: 'POST', url: '/api/complaints', headers: { cookie: clerk }, payload: recordForm() })).json();
    const results = await Promise.all([env.app, node2].map((n) => n.inject({ method: 'POST', url: `/api/complaints/${c.id}/actions/transfer`, headers: { cookie: manager }, payload: {} })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const history = (await node2.inject({ url: `/api/complaints/${c.id}/history`, headers: { cookie: manager } })).json();
    expect(history.items.filter((h: { action: string }) => h.action === 'transfer')).toHaveLength(1);
  });
});
