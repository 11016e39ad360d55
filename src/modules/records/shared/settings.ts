/** Company-configurable numbers of the records module: read from the company settings (src/modules/settings). */
import type { Trx } from '../../../server/context.js';
import { readSettings } from '../../settings/settings.js';

/** Ch. 6 (1): complaint files are kept 5 years unless the company configures otherwise. */
export const retentionYears = async (db: Trx) => (await readSettings(db)).retentionYears;
/** Complaints per business link or staff member from which a quarter lists a hotspot. */
export const hotspotThreshold = async (db: Trx) => (await readSettings(db)).hotspotThreshold;
