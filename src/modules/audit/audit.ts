/**
 * The tamper-evident audit trail: append-only rows, each carrying the hash of
 * the previous one. Editing or deleting any row breaks the chain at that row,
 * which `verifyAuditChain` reports.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LOCK_AUDIT, lockChain, type DialectName } from '../../db/database.js';
import type { AuditLogTable, Database } from '../../db/schema.js';

export interface AuditEntry {
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function hashRow(r: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    r.seq, r.at, r.actor_id, r.entity_type, r.entity_id, r.action, r.from_status, r.to_status, r.detail, r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Append one entry inside the caller's transaction, so the state change and its record commit together. */
export async function appendAudit(trx: Kysely<Database>, dialect: DialectName, e: AuditEntry, at: Date): Promise<void> {
  await lockChain(trx, dialect, LOCK_AUDIT);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: Omit<AuditLogTable, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_id: e.actorId,
    entity_type: e.entityType,
    entity_id: e.entityId,
    action: e.action,
    from_status: e.fromStatus ?? null,
    to_status: e.toStatus ?? null,
    detail: JSON.stringify(e.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx.insertInto('audit_log').values({ ...row, hash: hashRow(row) }).execute();
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The last entry's sequence number and hash: record it outside the database to detect later truncation. */
  head?: { seq: number; hash: string };
  /** The first sequence number whose row was edited, deleted or inserted out of order. */
  brokenAt?: number;
  problem?: string;
}

/** Walk the whole chain in order; report the first broken link. */
export async function verifyAuditChain(db: Kysely<Database>, onProgress?: (done: number) => void, anchor?: { seq: number; hash: string }): Promise<ChainReport> {
  const report = await walkChain(db, onProgress);
  if (!report.ok || !anchor) return report;
  // A chain cut short at its end is still a valid chain: only a head recorded elsewhere reveals it.
  const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', anchor.seq).executeTakeFirst();
  if (!row) return { ...report, ok: false, brokenAt: anchor.seq, problem: `第 ${anchor.seq} 条记录（已记录的链头）不存在：末尾记录被删除` };
  if (row.hash !== anchor.hash) return { ...report, ok: false, brokenAt: anchor.seq, problem: `第 ${anchor.seq} 条记录与已记录的链头哈希不符` };
  return report;
}

async function walkChain(db: Kysely<Database>, onProgress?: (done: number) => void): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      if (Number(r.seq) !== expectedSeq) {
        return { ok: false, entries, brokenAt: expectedSeq, problem: `第 ${expectedSeq} 条记录缺失（已被删除）` };
      }
      if (r.prev_hash !== prevHash) {
        return { ok: false, entries, brokenAt: expectedSeq, problem: `第 ${expectedSeq} 条记录的前序哈希不符` };
      }
      const { hash, ...rest } = r;
      if (hashRow({ ...rest, seq: Number(rest.seq) }) !== hash) {
        return { ok: false, entries, brokenAt: expectedSeq, problem: `第 ${expectedSeq} 条记录内容被修改` };
      }
      prevHash = hash;
      expectedSeq++;
      entries++;
    }
    onProgress?.(entries);
    if (rows.length < pageSize) break;
  }
  return { ok: true, entries, head: entries > 0 ? { seq: expectedSeq - 1, hash: prevHash } : undefined };
}

export interface HistoryItem {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: Record<string, unknown>;
}

export async function historyOf(db: Kysely<Database>, entityType: string, entityId: string): Promise<HistoryItem[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor_id', 'users.display_name', 'audit_log.action', 'audit_log.from_status', 'audit_log.to_status', 'audit_log.detail'])
    .where('audit_log.entity_type', '=', entityType)
    .where('audit_log.entity_id', '=', entityId)
    .orderBy('audit_log.seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
