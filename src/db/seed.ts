/**
 * First-start data: the organisation, business links and, for a demo, staff
 * for every role (password demo12345) and a handful of complaints in
 * different stages. A production start (SEED_DEMO=0) creates only an admin.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApprovalRole, Role } from '../domain/types.js';
import type { Actor } from '../domain/workflow.js';
import { acceptComplaint } from '../modules/complaints/commands/accept-complaint.js';
import { transitionComplaint } from '../modules/complaints/commands/transition.js';
import { createUser } from '../modules/org/users.commands.js';
import { inTransaction, type AppContext, type Trx } from '../server/context.js';

export const DEMO_PASSWORD = 'demo12345';

const BUSINESS_LINKS: [string, string][] = [
  ['account_opening', '开户与账户管理'],
  ['trading', '交易委托'],
  ['funds', '资金存取与三方存管'],
  ['margin', '融资融券'],
  ['products', '金融产品销售'],
  ['advisory', '投资顾问服务'],
  ['premises', '营业场所与环境'],
  ['it_systems', '交易系统与网上服务'],
  ['fees', '佣金与收费'],
  ['other', '其他'],
];

interface UnitSeed {
  code: string;
  name: string;
  kind: 'hq' | 'branch' | 'department';
  levels: ApprovalRole[];
  email?: string;
}

const UNITS: UnitSeed[] = [
  { code: 'HQ', name: '经纪业务总部', kind: 'hq', levels: ['hq_head'], email: 'hq-complaints@example.com' },
  { code: 'B01', name: '郑州花园路证券营业部', kind: 'branch', levels: ['branch_head', 'hq_head'] },
  { code: 'B02', name: '洛阳中州路证券营业部', kind: 'branch', levels: ['branch_head', 'hq_head'] },
  { code: 'D-LEGAL', name: '法律合规部', kind: 'department', levels: [] },
  { code: 'D-IT', name: '信息技术部', kind: 'department', levels: [] },
  { code: 'D-OPS', name: '运营管理部', kind: 'department', levels: [] },
];

const DEMO_USERS: [string, string, string, Role[]][] = [
  ['hq_admin', '系统管理员', 'HQ', ['admin']],
  ['hq_manager', '王敏（总部投诉管理）', 'HQ', ['complaint_manager']],
  ['hq_head', '李强（经纪业务总部负责人）', 'HQ', ['hq_head']],
  ['leader', '赵国华（公司分管领导）', 'HQ', ['company_leader']],
  ['legal', '孙律（法律部门）', 'HQ', ['legal']],
  ['b1_clerk', '陈晓（营业部一受理）', 'B01', ['clerk']],
  ['b1_manager', '刘洋（营业部一投诉管理）', 'B01', ['complaint_manager']],
  ['b1_head', '周建（营业部一负责人）', 'B01', ['branch_head']],
  ['b2_clerk', '吴倩（营业部二受理）', 'B02', ['clerk']],
  ['b2_manager', '郑凯（营业部二投诉管理）', 'B02', ['complaint_manager']],
  ['b2_head', '何静（营业部二负责人）', 'B02', ['branch_head']],
];

async function seedOrganisation(ctx: AppContext, trx: Trx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const at = ctx.clock.now().toISOString();
  for (const u of UNITS) {
    const id = randomUUID();
    ids.set(u.code, id);
    await trx
      .insertInto('units')
      .values({ id, code: u.code, name: u.name, kind: u.kind, parent_id: u.kind === 'hq' ? null : ids.get('HQ')!, approval_levels: JSON.stringify(u.levels), email: u.email ?? null, active: 1, created_at: at })
      .execute();
  }
  let sort = 0;
  for (const [code, name] of BUSINESS_LINKS) await trx.insertInto('business_links').values({ code, name, active: 1, sort: sort++ }).execute();
  return ids;
}

/** True when the database has no organisation yet. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.kysely.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Production start: organisation plus one admin whose generated password is returned once. */
export async function seedProduction(ctx: AppContext): Promise<{ username: string; password: string }> {
  const password = `${randomBytes(9).toString('base64url')}7a`;
  await inTransaction(ctx, async (trx) => {
    const units = await seedOrganisation(ctx, trx);
    await createUser({ ctx, trx, actorId: null, input: { username: 'admin', displayName: '系统管理员', unitId: units.get('HQ')!, roles: ['admin'], password } });
  });
  return { username: 'admin', password };
}

/** Demo organisation and staff; with `complaints` (the default) also a few sample complaints. */
export async function seedDemo(ctx: AppContext, opts: { complaints?: boolean } = {}): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const units = await seedOrganisation(ctx, trx);
    for (const [username, displayName, unit, roles] of DEMO_USERS) {
      await createUser({ ctx, trx, actorId: null, input: { username, displayName, unitId: units.get(unit)!, roles, email: `${username}@example.com`, password: DEMO_PASSWORD } });
    }
    return units;
  });
  if (opts.complaints !== false) await seedDemoComplaints(ctx);
}

export async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  const u = await ctx.db.kysely.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.roles', 'units.id as unit_id', 'units.kind']).where('username', '=', username).executeTakeFirstOrThrow();
  return { id: u.id, roles: JSON.parse(u.roles) as Role[], unitId: u.unit_id, unitKind: u.kind as Actor['unitKind'] };
}

async function seedDemoComplaints(ctx: AppContext): Promise<void> {
  const clerk1 = await actorOf(ctx, 'b1_clerk');
  const mgr1 = await actorOf(ctx, 'b1_manager');
  const head1 = await actorOf(ctx, 'b1_head');
  const clerk2 = await actorOf(ctx, 'b2_clerk');
  const act = (actor: Actor, id: string, action: string, body: Record<string, unknown> = {}) =>
    inTransaction(ctx, (trx) => transitionComplaint({ ctx, trx, actor, complaintId: id, action, body }));
  const accept = (actor: Actor, input: Parameters<typeof acceptComplaint>[0]['input']) => inTransaction(ctx, (trx) => acceptComplaint({ ctx, trx, actor, input }));
  const in5 = new Date(ctx.clock.now().getTime() + 10 * 86400_000).toISOString().slice(0, 10);

  // A new walk-in complaint waiting to be transferred.
  await accept(clerk1, {
    channel: 'walk_in', category: 'attitude', businessLink: 'account_opening', customerName: '张伟', customerPhone: '13812345678',
    occurredAt: '今天上午10点', location: '营业部大厅', involvedStaff: [{ name: '柜员小李' }], reason: '办理开户时柜员态度冷淡',
    narrative: '客户称排队40分钟后，柜员对其询问不耐烦，未解释开户所需材料。', preliminaryOpinion: '向客户致歉，安排专人协助办理开户。',
  });
  // Under investigation.
  const c2 = await accept(clerk1, {
    channel: 'phone', category: 'process', businessLink: 'funds', customerName: '李娜', customerPhone: '13900001111', accountNumber: '3100123456789',
    channelDetails: { callerNumber: '13900001111' }, reason: '银证转账资金未及时到账', narrative: '客户称周一下午发起的银证转账次日仍未到账。',
  });
  await act(mgr1, c2, 'transfer');
  // Approved by the branch head, waiting for HQ.
  const c3 = await accept(clerk1, {
    channel: 'letter', category: 'product', businessLink: 'products', customerName: '王芳', customerAddress: '郑州市金水区花园路1号', customerPhone: '13700002222',
    channelDetails: { letterReceivedOn: '2026-11-27' }, reason: '理财产品风险揭示不充分', narrative: '客户来信称购买产品时未被告知产品风险等级。',
  });
  await act(mgr1, c3, 'transfer');
  await act(mgr1, c3, 'submit', {
    findings: '经调取录音录像，销售人员风险揭示不完整。', outcomeClass: 'partial_fault', handlingOpinion: '向客户致歉并重新进行风险揭示，对销售人员进行通报批评。',
    rectifications: [{ description: '组织全体销售人员进行适当性管理培训', owner: '周建', dueOn: in5 }],
    accountabilityActions: [{ person: '销售人员甲', measure: '通报批评并扣减当月绩效' }],
  });
  await act(head1, c3, 'approve', { comment: '同意' });
  // A complaint from the customer opinion book at the second branch.
  await accept(clerk2, {
    channel: 'opinion_book', category: 'environment', businessLink: 'premises', customerName: '赵磊', customerPhone: '13600003333',
    channelDetails: { opinionBookPage: '第12页' }, reason: '营业部大厅空调故障', narrative: '客户在意见簿留言称大厅连续三天空调不制冷。',
  });
}
