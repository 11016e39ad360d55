/** Company-configurable numbers of the records module: read from the company settings (src/modules/settings). */
import type { Trx } from '../../../server/context.js';
import { readSettings } from '../../settings/settings.js';

/** Complaints per business link or staff member from which a quarter lists a hotspot. */
export const hotspotThreshold = async (db: Trx) => (await readSettings(db)).hotspotThreshold;
/** Also list the top N% business links and staff by complaints (0: only the count threshold applies). */
export const hotspotTopPercent = async (db: Trx) => (await readSettings(db)).hotspotTopPercent;
