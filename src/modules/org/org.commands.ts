/** Organisation changes by administrators: units (branches, HQ departments) and the business-link taxonomy. Each is audited. */
import { randomUUID } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.js';
import type { ApprovalRole } from '../../domain/types.js';
import type { AppContext, Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';

const APPROVAL_ROLES: readonly ApprovalRole[] = ['branch_head', 'hq_head', 'company_leader'];

export interface UnitInput {
  code?: string;
  name?: string;
  kind?: 'branch' | 'department';
  email?: string | null;
  approvalLevels?: ApprovalRole[];
  active?: boolean;
}

function assertLevels(levels: ApprovalRole[] | undefined, kind: string) {
  if (levels === undefined) return;
  if (levels.some((l) => !APPROVAL_ROLES.includes(l))) throw invalid('approvalLevels', '审批层级只能是营业部负责人、经纪业务总部负责人、公司分管领导');
  if (new Set(levels).size !== levels.length) throw invalid('approvalLevels', '审批层级不能重复');
  if (kind === 'branch' && levels.length === 0) throw invalid('approvalLevels', '营业部至少需要一个审批层级');
}

export async function createUnit({ ctx, trx, actorId, input }: { ctx: AppContext; trx: Trx; actorId: string; input: Required<Pick<UnitInput, 'code' | 'name' | 'kind'>> & UnitInput }): Promise<string> {
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,20}$/.test(code)) throw invalid('code', '单位代码为 2–20 位字母、数字或连字符');
  const levels = input.approvalLevels ?? (input.kind === 'branch' ? (['branch_head', 'hq_head'] as ApprovalRole[]) : []);
  assertLevels(levels, input.kind);
  if (await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst()) throw new AppError('CONFLICT', `单位代码 ${code} 已存在`, { field: 'code' });
  const hq = await trx.selectFrom('units').select('id').where('kind', '=', 'hq').executeTakeFirstOrThrow();
  const id = randomUUID();
  const now = ctx.clock.now();
  await trx
    .insertInto('units')
    .values({ id, code, name: input.name.trim(), kind: input.kind, parent_id: hq.id, approval_levels: JSON.stringify(levels), email: input.email ?? null, active: 1, created_at: now.toISOString() })
    .execute();
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'unit', entityId: id, action: 'create_unit', detail: { code, name: input.name, kind: input.kind, approvalLevels: levels } }, now);
  return id;
}

export async function updateUnit({ ctx, trx, actorId, unitId, input }: { ctx: AppContext; trx: Trx; actorId: string; unitId: string; input: UnitInput }): Promise<void> {
  const unit = await trx.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  assertLevels(input.approvalLevels, unit.kind);
  if (input.active === false && unit.kind === 'hq') throw invalid('active', '经纪业务总部不能停用');
  const patch = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.email !== undefined ? { email: input.email || null } : {}),
    ...(input.approvalLevels !== undefined ? { approval_levels: JSON.stringify(input.approvalLevels) } : {}),
    ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
  };
  if (Object.keys(patch).length === 0) throw invalid('body', '没有要修改的字段');
  await trx.updateTable('units').set(patch).where('id', '=', unitId).execute();
  // Approval chains already running keep the levels they started with; new submissions use the new ones.
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'unit', entityId: unitId, action: 'update_unit', detail: { before: { name: unit.name, email: unit.email, approvalLevels: JSON.parse(unit.approval_levels), active: unit.active === 1 }, after: input } }, ctx.clock.now());
}

export async function saveBusinessLink({ ctx, trx, actorId, code, name, active }: { ctx: AppContext; trx: Trx; actorId: string; code: string; name: string; active: boolean }): Promise<void> {
  if (!/^[a-z0-9_]{2,40}$/.test(code)) throw invalid('code', '业务环节代码为 2–40 位小写字母、数字或下划线');
  if (!name.trim()) throw invalid('name', '请填写业务环节名称');
  const existing = await trx.selectFrom('business_links').select(['code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
  if (existing) {
    await trx.updateTable('business_links').set({ name: name.trim(), active: active ? 1 : 0 }).where('code', '=', code).execute();
  } else {
    const last = await trx.selectFrom('business_links').select((eb) => eb.fn.max('sort').as('m')).executeTakeFirst();
    await trx.insertInto('business_links').values({ code, name: name.trim(), active: active ? 1 : 0, sort: Number(last?.m ?? 0) + 1 }).execute();
  }
  await appendAudit(trx, ctx.db.dialect, { actorId, entityType: 'business_link', entityId: code, action: existing ? 'update_business_link' : 'create_business_link', detail: { before: existing ?? null, name, active } }, ctx.clock.now());
}
