/** Who holds a role where: the recipients of HQ-level reminders and reviews. */
import type { Role } from '../../domain/types.js';
import type { Trx } from '../../server/context.js';

/** Active HQ staff holding any of `roles`. */
export async function hqStaffWithRoles(trx: Trx, roles: readonly Role[]): Promise<{ id: string }[]> {
  const rows = await trx
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.roles'])
    .where('units.kind', '=', 'hq')
    .where('users.disabled', '=', 0)
    .execute();
  return rows.filter((u) => (JSON.parse(u.roles) as Role[]).some((r) => roles.includes(r))).map((u) => ({ id: u.id }));
}
