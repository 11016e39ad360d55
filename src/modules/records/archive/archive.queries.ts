/** Reading archive batches within the caller's scope (HQ: all units; others: their own unit). */
import type { Selectable } from 'kysely';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { Trx } from '../../../server/context.js';
import type { ArchiveBatchesTable } from '../records.tables.js';

export type BatchRow = Selectable<ArchiveBatchesTable> & { unit_name: string; unit_code: string };

function batches(db: Trx, actor: Actor) {
  let qb = db.selectFrom('archive_batches').innerJoin('units', 'units.id', 'archive_batches.unit_id').selectAll('archive_batches').select(['units.name as unit_name', 'units.code as unit_code']);
  if (actor.unitKind !== 'hq') qb = qb.where('archive_batches.unit_id', '=', actor.unitId);
  return qb;
}

export function presentBatch(b: BatchRow, today?: string) {
  return {
    id: b.id,
    number: b.number,
    unitId: b.unit_id,
    unitCode: b.unit_code,
    unitName: b.unit_name,
    month: b.month,
    medium: b.medium,
    location: b.location,
    complaintCount: b.complaint_count,
    sealedAt: b.sealed_at,
    sealedOn: b.sealed_on,
    sealedBy: b.sealed_by,
    retentionYears: b.retention_years,
    retainUntil: b.retain_until,
    retentionDue: today ? b.retain_until <= today && !b.destroyed_at : undefined,
    legalHold: b.legal_hold === 1,
    legalHoldReason: b.legal_hold_reason,
    destroyedAt: b.destroyed_at,
  };
}

export async function listBatches(db: Trx, actor: Actor, f: { unitId?: string; month?: string } = {}): Promise<BatchRow[]> {
  let qb = batches(db, actor);
  if (f.unitId) qb = qb.where('archive_batches.unit_id', '=', f.unitId);
  if (f.month) qb = qb.where('archive_batches.month', '=', f.month);
  return qb.orderBy('archive_batches.month', 'desc').orderBy('units.code').execute();
}

export async function findBatch(db: Trx, actor: Actor, id: string): Promise<BatchRow> {
  const b = await batches(db, actor).where('archive_batches.id', '=', id).executeTakeFirst();
  if (!b) throw new AppError('NOT_FOUND', `归档批次 ${id} 不存在`, { details: { id } });
  return b;
}
