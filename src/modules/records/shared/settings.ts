/** Company-configurable numbers of the records module, read from the shared `settings` table. */
import type { Trx } from '../../../server/context.js';

export const SETTING_RETENTION_YEARS = 'retention.complaint.years';
export const SETTING_HOTSPOT_THRESHOLD = 'quarterly.hotspot.threshold';

/** A positive integer setting, or `fallback` when unset or not a positive integer. */
export async function intSetting(db: Trx, key: string, fallback: number): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Ch. 6 (1): complaint files are kept 5 years unless the company configures otherwise. */
export const retentionYears = (db: Trx) => intSetting(db, SETTING_RETENTION_YEARS, 5);
/** Complaints per business link or staff member from which a quarter lists a hotspot. */
export const hotspotThreshold = (db: Trx) => intSetting(db, SETTING_HOTSPOT_THRESHOLD, 3);
