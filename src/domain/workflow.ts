/**
 * The complaint workflow as one table: from which states an action may be
 * taken, by which roles, under which guard, and where it leads. This is the
 * only place in the product that knows the rules of SPEC section 4; routes,
 * commands and the UI ask it (`allowedActions`, `planTransition`).
 */
import { AppError } from './errors.js';
import type { Action, ApprovalRole, OutcomeClass, Role, Status, UnitKind } from './types.js';

export interface Actor {
  id: string;
  roles: readonly Role[];
  unitId: string;
  unitKind: UnitKind;
}

/** What the workflow needs to know about a complaint; built by the data layer. */
export interface WorkflowSubject {
  status: Status;
  acceptingUnitId: string;
  handlingUnitId: string;
  managerId: string | null;
  draftedBy: string | null;
  /** Everyone who wrote any part of this round's handling draft (all recused from approving it). */
  draftEditors: readonly string[];
  /** User ids of staff named as involved in the complaint (for recusal). */
  involvedUserIds: readonly string[];
  outcomeClass: OutcomeClass | null;
  /** The approval levels of the current round, in order. */
  approvalChain: readonly ApprovalRole[];
  /** Index into approvalChain of the level that decides next. */
  approvalLevel: number;
  malicious: boolean;
  legalReviewed: boolean;
  openMeasures: number;
  openCoordination: number;
}

/** A refusal reason in Chinese, or null when the guard passes. */
type Guard = (s: WorkflowSubject, a: Actor) => string | null;

export interface Transition {
  action: Action;
  from: readonly Status[];
  /** Target state; a function when it depends on the subject. */
  to: Status | ((s: WorkflowSubject) => Status);
  roles: readonly Role[];
  guard?: Guard;
}

export const OPEN_STATUSES: readonly Status[] = [
  'received',
  'investigating',
  'pending_approval',
  'approved',
  'feedback_given',
  'rectifying',
  'verifying',
];

export const TERMINAL_STATUSES: readonly Status[] = ['closed', 'archived', 'destroyed', 'withdrawn'];

const isHq = (a: Actor) => a.unitKind === 'hq';

/**
 * Who may see every unit's complaints: HQ (the central acceptance and coordination unit), and the
 * company leader in charge and the legal department wherever their unit sits. Queries use this too.
 */
export function hasCompanyWideScope(a: Actor): boolean {
  return a.unitKind === 'hq' || a.roles.includes('company_leader') || a.roles.includes('legal');
}

/** Staff of the unit concerned, or HQ, which coordinates every branch's complaints. */
const inUnit = (unitId: (s: WorkflowSubject) => string): Guard => (s, a) =>
  isHq(a) || a.unitId === unitId(s) ? null : '仅限本单位人员办理';
const handlingUnit = inUnit((s) => s.handlingUnitId);
const acceptingUnit = inUnit((s) => s.acceptingUnitId);
/** Ch. 5: the unit that directly accepted the complaint, and only it, makes the callback. */
const strictlyAcceptingUnit: Guard = (s, a) => (a.unitId === s.acceptingUnitId ? null : '回访验证由直接受理投诉的单位进行');
/** The customer's withdrawal is recorded by the unit that accepted or handles the complaint. */
const acceptingOrHandlingUnit: Guard = (s, a) =>
  a.unitId === s.acceptingUnitId || a.unitId === s.handlingUnitId ? null : '由受理或办理单位的投诉管理人员登记撤回';

const all = (...guards: Guard[]): Guard => (s, a) => {
  for (const g of guards) {
    const r = g(s, a);
    if (r) return r;
  }
  return null;
};

/** The approver of the current level: right role, right unit, and not recused. */
const currentApprover: Guard = (s, a) => {
  const role = s.approvalChain[s.approvalLevel];
  if (!role) return '审批链已完成';
  if (!a.roles.includes(role)) return `当前审批层级需要「${roleName(role)}」审批`;
  if (role === 'branch_head' && a.unitId !== s.handlingUnitId) return '只能审批本营业部的投诉';
  if (role === 'hq_head' && !isHq(a)) return '需由总部审批';
  if (a.id === s.draftedBy || s.draftEditors.includes(a.id)) return '回避：不能审批本人拟订的处理意见';
  if (s.involvedUserIds.includes(a.id)) return '回避：投诉涉及本人，不能审批';
  return null;
};

function roleName(r: ApprovalRole): string {
  return { branch_head: '营业部负责人', hq_head: '经纪业务总部负责人', company_leader: '公司分管领导' }[r];
}

const MANAGERS: readonly Role[] = ['complaint_manager', 'branch_head', 'hq_head'];
const STAFF: readonly Role[] = ['clerk', 'complaint_manager', 'branch_head', 'hq_head'];

export const WORKFLOW: readonly Transition[] = [
  // Ch. 3: on the acceptance day the record form goes to the complaint manager.
  { action: 'transfer', from: ['received'], to: 'investigating', roles: STAFF, guard: acceptingUnit },
  // HQ hands a complaint it accepted to the branch concerned for on-site investigation.
  {
    action: 'reassign',
    from: ['received', 'investigating'],
    to: 'investigating',
    roles: ['complaint_manager', 'hq_head'],
    guard: (_s, a) => (isHq(a) ? null : '仅经纪业务总部可指派'),
  },
  // Ch. 4: findings, opinion and measures go up level by level.
  { action: 'submit', from: ['investigating'], to: 'pending_approval', roles: ['complaint_manager'], guard: handlingUnit },
  {
    action: 'approve',
    from: ['pending_approval'],
    to: (s) => (s.approvalLevel + 1 >= s.approvalChain.length ? 'approved' : 'pending_approval'),
    roles: ['branch_head', 'hq_head', 'company_leader'],
    guard: currentApprover,
  },
  { action: 'reject', from: ['pending_approval'], to: 'investigating', roles: ['branch_head', 'hq_head', 'company_leader'], guard: currentApprover },
  // Ch. 4: after approval, the opinion goes back to the complainant; a malicious case needs the legal review first.
  {
    action: 'give_feedback',
    from: ['approved'],
    to: 'feedback_given',
    roles: ['complaint_manager'],
    guard: all(handlingUnit, (s) => (s.malicious && !s.legalReviewed ? '恶意投诉须先经法律部门审核' : null)),
  },
  {
    action: 'start_rectification',
    from: ['feedback_given'],
    to: 'rectifying',
    roles: MANAGERS,
    guard: all(handlingUnit, (s) => (s.openMeasures > 0 ? null : '没有待落实的整改措施')),
  },
  { action: 'complete_measure', from: ['approved', 'feedback_given', 'rectifying'], to: (s) => s.status, roles: MANAGERS, guard: all(handlingUnit, (s) => (s.openMeasures > 0 ? null : '没有待落实的整改措施')) },
  {
    action: 'complete_coordination',
    from: ['approved', 'feedback_given', 'rectifying'],
    to: (s) => s.status,
    roles: ['complaint_manager', 'hq_head'],
    guard: (s, a) => (!isHq(a) ? '协调事项由经纪业务总部办理' : s.openCoordination > 0 ? null : '没有待办的协调事项'),
  },
  {
    action: 'request_verification',
    from: ['feedback_given', 'rectifying'],
    to: 'verifying',
    roles: MANAGERS,
    guard: all(handlingUnit, (s) =>
      s.openMeasures > 0 ? '整改措施尚未全部完成' : s.openCoordination > 0 ? '与总部其他部门的协调事项尚未完成' : null,
    ),
  },
  // Ch. 5: the unit that accepted the complaint makes the callback.
  { action: 'close', from: ['verifying'], to: 'closed', roles: ['complaint_manager'], guard: strictlyAcceptingUnit },
  { action: 'rerectify', from: ['verifying'], to: 'rectifying', roles: ['complaint_manager'], guard: strictlyAcceptingUnit },
  { action: 'rehandle', from: ['verifying'], to: 'investigating', roles: ['complaint_manager'], guard: strictlyAcceptingUnit },
  // Only the customer withdraws; a complaint manager records it, so a complaint cannot quietly disappear.
  { action: 'withdraw', from: OPEN_STATUSES, to: 'withdrawn', roles: ['complaint_manager'], guard: acceptingOrHandlingUnit },
  {
    action: 'flag_malicious',
    from: OPEN_STATUSES,
    to: (s) => s.status,
    roles: MANAGERS,
    guard: all(handlingUnit, (s) => (s.malicious ? '已标记为恶意投诉' : null)),
  },
  {
    action: 'legal_review',
    from: OPEN_STATUSES,
    to: (s) => s.status,
    roles: ['legal'],
    guard: (s) => (!s.malicious ? '仅恶意投诉需要法律部门审核' : s.legalReviewed ? '法律部门已审核' : null),
  },
];

export type Decision = { ok: true; to: Status; transition: Transition } | { ok: false; reason: string; kind: 'state' | 'role' | 'guard' };

/** Decide whether `actor` may take `action` on `subject` now, without raising. */
export function decide(subject: WorkflowSubject, action: Action, actor: Actor): Decision {
  const candidates = WORKFLOW.filter((t) => t.action === action);
  const inState = candidates.filter((t) => t.from.includes(subject.status));
  if (inState.length === 0) {
    return { ok: false, kind: 'state', reason: `状态「${subject.status}」下不能执行「${action}」` };
  }
  const withRole = inState.filter((t) => t.roles.some((r) => actor.roles.includes(r)));
  if (withRole.length === 0) {
    return { ok: false, kind: 'role', reason: `角色无权执行「${action}」` };
  }
  let reason = '';
  for (const t of withRole) {
    const refusal = t.guard?.(subject, actor) ?? null;
    if (refusal === null) {
      return { ok: true, to: typeof t.to === 'function' ? t.to(subject) : t.to, transition: t };
    }
    reason = refusal;
  }
  return { ok: false, kind: 'guard', reason };
}

/** Like `decide`, but throws the AppError the API reports: 409 for state, 403 for role or guard. */
export function planTransition(subject: WorkflowSubject, action: Action, actor: Actor): Status {
  const d = decide(subject, action, actor);
  if (d.ok) return d.to;
  if (d.kind === 'state') {
    throw new AppError('INVALID_TRANSITION', `投诉当前状态为 ${subject.status}，不能执行 ${action}`, {
      details: { status: subject.status, action },
    });
  }
  throw new AppError('FORBIDDEN', d.reason, { details: { status: subject.status, action } });
}

/** Every action the actor may take on the subject now; the UI enables buttons from this list. */
export function allowedActions(subject: WorkflowSubject, actor: Actor): Action[] {
  const seen = new Set<Action>();
  for (const t of WORKFLOW) {
    if (!seen.has(t.action) && decide(subject, t.action, actor).ok) seen.add(t.action);
  }
  return [...seen];
}

/**
 * The approval chain for a round: the unit's configured levels, with the
 * company leader in charge added for class 4 (Ch. 4 item 4). A complaint
 * about the branch head goes to HQ: the branch level is left out.
 */
export function approvalChainFor(levels: readonly ApprovalRole[], outcome: OutcomeClass | null, opts: { branchHeadInvolved?: boolean } = {}): ApprovalRole[] {
  let chain = levels.length > 0 ? [...levels] : (['hq_head'] as ApprovalRole[]);
  if (opts.branchHeadInvolved) chain = chain.filter((r) => r !== 'branch_head');
  if (chain.length === 0) chain.push('hq_head');
  if (outcome === 'beyond_authority' && !chain.includes('company_leader')) chain.push('company_leader');
  return chain;
}
