/** Creating and disabling staff accounts; used by the API and the admin CLI. */
import { randomUUID } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.js';
import type { Role } from '../../domain/types.js';
import type { AppContext, Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  email?: string;
  password: string;
}

export async function createUser({ ctx, trx, actorId, input }: { ctx: AppContext; trx: Trx; actorId: string | null; input: NewUser }): Promise<string> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  const unit = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw invalid('unitId', '单位不存在');
  const exists = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (exists) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, { field: 'username' });
  const id = randomUUID();
  const now = ctx.clock.now();
  await trx
    .insertInto('users')
    .values({ id, username: input.username, display_name: input.displayName, unit_id: input.unitId, roles: JSON.stringify(input.roles), email: input.email ?? null, password_hash: await hashPassword(input.password), disabled: 0, created_at: now.toISOString() })
    .execute();
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'user', entityId: id, action: 'create_user', detail: { username: input.username, roles: input.roles, unitId: input.unitId } }, now);
  return id;
}

export async function setUserDisabled({ ctx, trx, actorId, userId, disabled }: { ctx: AppContext; trx: Trx; actorId: string | null; userId: string; disabled: boolean }) {
  const res = await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', '人员不存在');
  if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'user', entityId: userId, action: disabled ? 'disable_user' : 'enable_user' }, ctx.clock.now());
}

export async function resetPassword({ ctx, trx, actorId, username, password }: { ctx: AppContext; trx: Trx; actorId: string | null; username: string; password: string }) {
  const problem = passwordProblem(password);
  if (problem) throw invalid('password', problem);
  const user = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', `用户 ${username} 不存在`);
  await trx.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', user.id).execute();
  await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'user', entityId: user.id, action: 'reset_password' }, ctx.clock.now());
}
