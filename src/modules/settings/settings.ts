/**
 * Company settings kept in the `settings` table: the deadline rules of the
 * measures (configurable per company, SPEC 5), retention and the quarterly
 * hotspot threshold. Every change is audited; a change of deadline rules
 * recomputes the deadlines of open complaints in the same transaction.
 */
import { invalid } from '../../domain/errors.js';
import type { DeadlineRules } from '../../domain/deadlines.js';
import type { AppContext, Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { currentVersion } from '../calendar/calendar.store.js';
import { recomputeOpenDeadlines } from '../calendar/recompute-deadlines.js';

export interface Settings extends DeadlineRules {
  retentionYears: number;
  retentionYearsRegulatorTransfer: number;
  retentionYearsMalicious: number;
  hotspotThreshold: number;
  hotspotTopPercent: number;
}

/** Setting → storage key, default and allowed range. */
export const SETTING_DEFS: Record<keyof Settings, { key: string; default: number; min: number; max: number; label: string }> = {
  investigationWorkingDays: { key: 'deadlines.investigation.workingDays', default: 3, min: 1, max: 30, label: '调查核实期限（工作日）' },
  feedbackWorkingDays: { key: 'deadlines.feedback.workingDays', default: 4, min: 1, max: 30, label: '反馈期限（工作日）' },
  monthlyReportTradingDays: { key: 'deadlines.monthlyReport.tradingDays', default: 3, min: 1, max: 15, label: '月报报送期限（次月第 N 个交易日）' },
  retentionYears: { key: 'retention.complaint.years', default: 5, min: 1, max: 30, label: '投诉档案保管期限（年）' },
  retentionYearsRegulatorTransfer: { key: 'retention.regulator_transfer.years', default: 5, min: 1, max: 30, label: '监管转办投诉档案保管期限（年）' },
  retentionYearsMalicious: { key: 'retention.malicious.years', default: 5, min: 1, max: 30, label: '恶意投诉（涉法律部门）档案保管期限（年）' },
  hotspotThreshold: { key: 'analysis.hotspot.threshold', default: 3, min: 1, max: 1000, label: '季度分析热点阈值（件）' },
  hotspotTopPercent: { key: 'analysis.hotspot.topPercent', default: 0, min: 0, max: 100, label: '季度分析热点：另列投诉最多的前 N%（0 为不启用）' },
};

export async function readSettings(db: Trx): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = {} as Settings;
  for (const [name, def] of Object.entries(SETTING_DEFS) as [keyof Settings, (typeof SETTING_DEFS)[keyof Settings]][]) {
    const v = Number(byKey.get(def.key));
    out[name] = Number.isInteger(v) && v >= def.min && v <= def.max ? v : def.default;
  }
  return out;
}

/**
 * Retention of one complaint's file by record type: regulator transfers and malicious complaints
 * (prepared with the legal department) may need longer than ordinary complaint files.
 */
export function retentionYearsFor(s: Settings, c: { channel: string; malicious: number }): number {
  return Math.max(
    s.retentionYears,
    c.channel === 'regulator_transfer' ? s.retentionYearsRegulatorTransfer : 0,
    c.malicious === 1 ? s.retentionYearsMalicious : 0,
  );
}

/** Install the stored deadline rules into the context (at start and after a change). */
export async function loadSettings(ctx: AppContext): Promise<Settings> {
  const s = await readSettings(ctx.db.kysely);
  ctx.rules.investigationWorkingDays = s.investigationWorkingDays;
  ctx.rules.feedbackWorkingDays = s.feedbackWorkingDays;
  ctx.rules.monthlyReportTradingDays = s.monthlyReportTradingDays;
  return s;
}

const loadedAt = new WeakMap<AppContext, number>();

/** Several app nodes may share one PostgreSQL: reload the rules when they are more than a few seconds old. */
export async function refreshSettingsIfStale(ctx: AppContext, maxAgeMs = 5000): Promise<void> {
  const at = loadedAt.get(ctx) ?? 0;
  if (Date.now() - at < maxAgeMs) return;
  loadedAt.set(ctx, Date.now());
  await loadSettings(ctx);
}

export async function updateSettings(opts: { ctx: AppContext; trx: Trx; actorId: string; patch: Partial<Settings>; reason: string }): Promise<Settings> {
  const { ctx, trx, actorId, patch, reason } = opts;
  if (!reason.trim()) throw invalid('reason', '请填写修改原因');
  const before = await readSettings(trx);
  const entries = Object.entries(patch) as [keyof Settings, number][];
  if (entries.length === 0) throw invalid('body', '没有要修改的设置');
  const now = ctx.clock.now();
  for (const [name, value] of entries) {
    const def = SETTING_DEFS[name];
    if (!def) throw invalid(name, '未知设置');
    if (!Number.isInteger(value) || value < def.min || value > def.max) throw invalid(name, `须为 ${def.min}–${def.max} 的整数`);
    await trx
      .insertInto('settings')
      .values({ key: def.key, value: String(value), updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value), updated_at: now.toISOString() }))
      .execute();
  }
  const after = { ...before, ...patch };
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'settings', entityId: 'company', action: 'update_settings', detail: { before, after, reason } }, now);
  const rulesChanged = (['investigationWorkingDays', 'feedbackWorkingDays'] as const).some((k) => before[k] !== after[k]);
  if (rulesChanged) {
    // Recompute with the new rules without touching the shared context before commit.
    const rules = { investigationWorkingDays: after.investigationWorkingDays, feedbackWorkingDays: after.feedbackWorkingDays, monthlyReportTradingDays: after.monthlyReportTradingDays };
    await recomputeOpenDeadlines({ ctx: { ...ctx, rules }, trx, calendar: ctx.calendar(), calendarVersion: await currentVersion(trx), actorId, now });
  }
  return after;
}
