/**
 * `npm run bench`: throughput of the complaint lifecycle through the real API
 * (app.inject, no network) on SQLite and, when reachable, PostgreSQL — each
 * reported next to the machine's own limit measured in the same run: bare
 * single-row write transactions on the same database engine.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, type Db } from '../src/db/database.js';
import { seedDemo } from '../src/db/seed.js';
import { buildApp } from '../src/server/app.js';
import { createContext } from '../src/server/bootstrap.js';
import { progressBar } from '../src/cli/command.js';

const N = Number(process.env.BENCH_N ?? 200);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function baseline(db: Db, n: number): Promise<number> {
  await db.kysely.schema.createTable('bench_baseline').ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('v', 'text').execute();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await db.kysely.transaction().execute((trx) => trx.insertInto('bench_baseline' as never).values({ id: randomUUID(), v: 'x' } as never).execute());
  }
  return n / ((performance.now() - t0) / 1000);
}

async function lifecycle(db: Db, n: number, label: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'cc-bench-'));
  const ctx = createContext(db, { dataDir });
  await seedDemo(ctx, { complaints: false });
  const app = await buildApp(ctx);
  const login = async (u: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: 'demo12345' } });
    return r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  const clerk = await login('b1_clerk');
  const mgr = await login('b1_manager');
  const head = await login('b1_head');
  const hq = await login('hq_head');
  const bar = progressBar(`${label} lifecycle`, n);
  let requests = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const post = async (cookie: string, url: string, payload: unknown) => {
      requests++;
      const r = await app.inject({ method: 'POST', url, payload: payload as never, headers: { cookie } });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json() as { id: string };
    };
    const c = await post(clerk, '/api/complaints', {
      channel: 'walk_in', category: 'attitude', customerName: `客户${i}`, customerPhone: '13800000000', reason: '服务态度', narrative: '经过',
    });
    const a = (x: string, cookie: string, body: unknown = {}) => post(cookie, `/api/complaints/${c.id}/actions/${x}`, body);
    await a('transfer', mgr);
    await a('submit', mgr, { findings: '核实', outcomeClass: 'no_fault', noFaultReason: 'none', handlingOpinion: '解释' });
    await a('approve', head);
    await a('approve', hq);
    await a('give_feedback', mgr, { feedback: { content: '已向您解释。', method: 'phone' } });
    await a('request_verification', mgr);
    await a('close', mgr, { callback: { satisfaction: 'satisfied', rectificationDone: true, rectificationEffective: true, handlingProper: true } });
    bar.tick(i + 1);
  }
  bar.done();
  const secs = (performance.now() - t0) / 1000;
  const listT0 = performance.now();
  for (let i = 0; i < 50; i++) await app.inject({ url: '/api/complaints?pageSize=50&text=%E5%AE%A2%E6%88%B7', headers: { cookie: hq } });
  const listMs = (performance.now() - listT0) / 50;
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
  return { complaintsPerSec: n / secs, requestsPerSec: requests / secs, listMs };
}

async function run(label: string, open: () => Promise<{ db: Db; cleanup: () => Promise<void> }>) {
  const { db, cleanup } = await open();
  try {
    await migrate(db);
    const base = await baseline(db, N * 4);
    const r = await lifecycle(db, N, label);
    return { label, baselineTxPerSec: base, ...r, requestsVsBaseline: r.requestsPerSec / base };
  } finally {
    await db.close();
    await cleanup();
  }
}

const results = [];
const dir = await mkdtemp(join(tmpdir(), 'cc-bench-db-'));
results.push(await run('sqlite', async () => ({ db: openDatabase(join(dir, 'bench.sqlite')), cleanup: () => rm(dir, { recursive: true, force: true }) })));
try {
  const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await probe.connect();
  const schema = `bench_${Date.now()}`;
  await probe.query(`create schema ${schema}`);
  await probe.end();
  results.push(
    await run('postgres', async () => ({
      db: openDatabase(PG_URL, { pgSchema: schema }),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    })),
  );
} catch (e) {
  console.warn(`PostgreSQL not reachable (${String(e)}): PostgreSQL benchmark skipped`);
}

const lines = [
  `# Benchmarks`,
  ``,
  `Run: ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${N} complaints each carried through 8 API calls (accept → close).`,
  `The baseline is the same database's bare one-row write transactions per second measured in the same run: the ceiling for anything that commits each step.`,
  ``,
  `| database | baseline tx/s | API requests/s | requests ÷ baseline | complaints/s (full lifecycle) | list query (50 rows, text search) |`,
  `|---|---:|---:|---:|---:|---:|`,
  ...results.map((r) => `| ${r.label} | ${r.baselineTxPerSec.toFixed(0)} | ${r.requestsPerSec.toFixed(0)} | ${(r.requestsVsBaseline * 100).toFixed(1)}% | ${r.complaintsPerSec.toFixed(1)} | ${r.listMs.toFixed(1)} ms |`),
  ``,
];
console.log(lines.join('\n'));
await mkdir('docs', { recursive: true });
await writeFile('docs/benchmarks.md', lines.join('\n'));
