/**
 * Ch. 6 (3): every quarter HQ and each branch analyse their complaints and,
 * for business links and staff with many complaints, set improvement
 * measures quickly. Counts by dimension, deadline compliance, satisfaction at
 * callback, repeat complaints, trend, and hotspots with their measures.
 */
import { shanghaiDate } from '../../../domain/dates.js';
import { AppError } from '../../../domain/errors.js';
import { CATEGORIES, CHANNELS, OUTCOME_CLASSES } from '../../../domain/types.js';
import type { Actor } from '../../../domain/workflow.js';
import type { Trx } from '../../../server/context.js';
import { categoryLabel, channelLabel, outcomeLabel } from '../record-form/record-form.data.js';
import { parseQuarter, previousQuarter, sameQuarterLastYear } from '../shared/months.js';
import { hotspotThreshold, hotspotTopPercent } from '../shared/settings.js';

export interface Count {
  key: string;
  label: string;
  count: number;
}

interface Row {
  id: string;
  number: string;
  status: string;
  accepting_unit_id: string;
  category: string;
  channel: string;
  business_link: string | null;
  outcome_class: string | null;
  involved_staff: string;
  investigation_due_on: string;
  first_submitted_on: string | null;
  feedback_due_on: string;
  first_feedback_on: string | null;
  repeat_of_id: string | null;
  verification_flagged: number;
  imported: number;
}

/** The unit the actor may analyse: HQ any (or all with null), branch staff only their own. */
export async function analysisUnit(db: Trx, actor: Actor, unitId: string | undefined): Promise<string | null> {
  if (actor.unitKind !== 'hq') {
    if (unitId && unitId !== actor.unitId) throw new AppError('NOT_FOUND', `单位 ${unitId} 不存在`, { field: 'unitId' });
    return actor.unitId;
  }
  if (!unitId) return null;
  const u = await db.selectFrom('units').select(['id', 'kind']).where('id', '=', unitId).executeTakeFirst();
  if (!u || u.kind === 'department') throw new AppError('NOT_FOUND', `单位 ${unitId} 不存在`, { field: 'unitId' });
  return u.id;
}

async function rowsOf(db: Trx, quarter: string, unitId: string | null): Promise<Row[]> {
  const q = parseQuarter(quarter);
  let qb = db
    .selectFrom('complaints')
    .select(['id', 'number', 'status', 'accepting_unit_id', 'category', 'channel', 'business_link', 'outcome_class', 'involved_staff', 'investigation_due_on', 'first_submitted_on', 'feedback_due_on', 'first_feedback_on', 'repeat_of_id', 'verification_flagged', 'imported'])
    .where('accepted_on', '>=', q.from)
    .where('accepted_on', '<=', q.to);
  if (unitId) qb = qb.where((eb) => eb.or([eb('accepting_unit_id', '=', unitId), eb('handling_unit_id', '=', unitId)]));
  return qb.orderBy('number').execute();
}

function countBy(rows: Row[], keyOf: (r: Row) => (string | null)[], label: (k: string) => string, order?: readonly string[]): Count[] {
  const m = new Map<string, number>();
  for (const r of rows) for (const k of keyOf(r)) if (k) m.set(k, (m.get(k) ?? 0) + 1);
  const keys = order ? [...order.filter((k) => m.has(k)), ...[...m.keys()].filter((k) => !order.includes(k))] : [...m.keys()].sort((a, b) => m.get(b)! - m.get(a)! || a.localeCompare(b));
  return keys.map((k) => ({ key: k, label: label(k), count: m.get(k)! }));
}

/**
 * A deadline is met when the step was first done on or before its due day (a
 * later re-handling round does not undo the first round's timeliness); open
 * steps not yet due are pending. Imported historical forms were not handled
 * in the system, so they are counted in the totals but not judged here.
 */
function compliance(rows: Row[], due: (r: Row) => string, done: (r: Row) => string | null, today: string) {
  let onTime = 0;
  let late = 0;
  let pending = 0;
  for (const r of rows.filter((x) => x.status !== 'withdrawn' && x.imported !== 1)) {
    const d = done(r);
    if (d) d <= due(r) ? onTime++ : late++;
    else if (today > due(r)) late++;
    else pending++;
  }
  return { onTime, late, pending, rate: onTime + late > 0 ? Math.round((onTime / (onTime + late)) * 1000) / 1000 : null };
}

const staffNames = (r: Row) => [...new Set((JSON.parse(r.involved_staff) as { name: string }[]).map((s) => s.name.trim()).filter(Boolean))];

function trend(current: number, previous: number) {
  return { total: previous, change: current - previous, changeRate: previous > 0 ? Math.round(((current - previous) / previous) * 1000) / 1000 : null };
}

/**
 * Hotspots: at least `threshold` complaints, or (when `topPercent` > 0) among the top N% of
 * business links or staff by complaints, ties included. Counts are sorted, largest first.
 */
export function hot<C extends { count: number }>(counts: C[], threshold: number, topPercent: number): C[] {
  const sorted = [...counts].filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const topN = topPercent > 0 ? Math.ceil((sorted.length * topPercent) / 100) : 0;
  const cutoff = topN > 0 ? sorted[topN - 1].count : Infinity;
  return sorted.filter((c) => c.count >= threshold || c.count >= cutoff);
}

export async function quarterlyAnalysis(db: Trx, quarter: string, unitId: string | null, now: Date) {
  const q = parseQuarter(quarter);
  const today = shanghaiDate(now);
  const [rows, prevRows, lastYearRows, threshold, topPercent, units, links, measures] = await Promise.all([
    rowsOf(db, quarter, unitId),
    rowsOf(db, previousQuarter(quarter), unitId),
    rowsOf(db, sameQuarterLastYear(quarter), unitId),
    hotspotThreshold(db),
    hotspotTopPercent(db),
    db.selectFrom('units').select(['id', 'name']).execute(),
    db.selectFrom('business_links').select(['code', 'name']).execute(),
    (unitId ? db.selectFrom('improvement_measures').selectAll().where('unit_id', '=', unitId) : db.selectFrom('improvement_measures').selectAll().where('unit_id', 'is', null)).where('quarter', '=', quarter).orderBy('created_at').execute(),
  ]);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const linkName = (code: string) => links.find((l) => l.code === code)?.name ?? code;
  const callbacks = rows.length
    ? await db.selectFrom('callbacks').select(['complaint_id', 'satisfaction', 'created_at']).where('complaint_id', 'in', rows.map((r) => r.id)).orderBy('created_at').execute()
    : [];
  // The latest callback of each complaint is its verified satisfaction.
  const lastCallback = new Map(callbacks.map((c) => [c.complaint_id, c.satisfaction]));
  const sat = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  for (const s of lastCallback.values()) if (s in sat) sat[s as keyof typeof sat]++;
  const verified = lastCallback.size;

  const byBusinessLink = countBy(rows, (r) => [r.business_link], linkName);
  const byStaff = countBy(rows, staffNames, (k) => k);
  const presentMeasure = (m: (typeof measures)[number]) => ({ id: m.id, kind: m.kind, key: m.key, measure: m.measure, owner: m.owner, dueOn: m.due_on, status: m.status, overdue: m.status !== 'done' && m.due_on < today, doneAt: m.done_at, doneNote: m.done_note });
  const hotspot = (kind: 'business_link' | 'staff') => (c: Count) => {
    const ms = measures.filter((m) => m.kind === kind && m.key === c.key).map(presentMeasure);
    return { kind, ...c, measures: ms, needsMeasure: ms.length === 0, done: ms.length > 0 && ms.every((m) => m.status === 'done') };
  };
  const categoryCounts = (rs: Row[]) => countBy(rs, (r) => [r.category], categoryLabel, CATEGORIES);
  return {
    quarter,
    from: q.from,
    to: q.to,
    unitId,
    unitName: unitId ? unitName(unitId) : '全公司',
    total: rows.length,
    byCategory: categoryCounts(rows),
    byBusinessLink,
    byChannel: countBy(rows, (r) => [r.channel], channelLabel, CHANNELS),
    byOutcomeClass: countBy(rows, (r) => [r.outcome_class], (k) => outcomeLabel(k), OUTCOME_CLASSES),
    byBranch: countBy(rows, (r) => [r.accepting_unit_id], unitName),
    byStaff,
    compliance: {
      investigation: compliance(rows, (r) => r.investigation_due_on, (r) => r.first_submitted_on, today),
      feedback: compliance(rows, (r) => r.feedback_due_on, (r) => r.first_feedback_on, today),
    },
    satisfaction: { verified, ...sat, satisfiedRate: verified > 0 ? Math.round(((sat.satisfied + sat.basically_satisfied) / verified) * 1000) / 1000 : null },
    repeat: { count: rows.filter((r) => r.repeat_of_id).length, numbers: rows.filter((r) => r.repeat_of_id).map((r) => r.number) },
    // Callback records contradicted by the customer's own survey answer (Ch. 5 item 4).
    verificationFlagged: { count: rows.filter((r) => r.verification_flagged === 1).length, numbers: rows.filter((r) => r.verification_flagged === 1).map((r) => r.number) },
    comparison: {
      previousQuarter: { quarter: previousQuarter(quarter), ...trend(rows.length, prevRows.length), byCategory: categoryCounts(prevRows) },
      sameQuarterLastYear: { quarter: sameQuarterLastYear(quarter), ...trend(rows.length, lastYearRows.length), byCategory: categoryCounts(lastYearRows) },
    },
    hotspotThreshold: threshold,
    hotspotTopPercent: topPercent,
    hotspots: [...hot(byBusinessLink, threshold, topPercent).map(hotspot('business_link')), ...hot(byStaff, threshold, topPercent).map(hotspot('staff'))],
    improvements: measures.map(presentMeasure),
  };
}

export type QuarterlyAnalysis = Awaited<ReturnType<typeof quarterlyAnalysis>>;
