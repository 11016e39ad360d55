/**
 * Chinese labels. The glossary labels live once, in src/domain/types.ts, and
 * are imported here; only labels the domain module does not define are added.
 */
import type { Action, NoFaultReason, Satisfaction } from '../../src/domain/types.js';
export {
  ACTION_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  NO_FAULT_REASONS,
  OUTCOME_CLASSES,
  OUTCOME_LABELS,
  ROLES,
  ROLE_LABELS,
  SATISFACTION,
  STATUSES,
  STATUS_LABELS,
} from '../../src/domain/types.js';
export type { Action, Category, Channel, NoFaultReason, OutcomeClass, Role, Satisfaction, Status } from '../../src/domain/types.js';
import { ACTION_LABELS } from '../../src/domain/types.js';

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export const NO_FAULT_REASON_LABELS: Record<NoFaultReason, string> = {
  none: '我方无责任',
  regulatory_policy: '监管政策所限',
  force_majeure: '不可抗力',
};

/** Short names of the four outcome classes for tables and charts. */
export const OUTCOME_SHORT: Record<string, string> = {
  serious_fault: '一类：严重责任',
  partial_fault: '二类：部分责任',
  no_fault: '三类：无责任',
  beyond_authority: '四类：超出职权',
};

export const APPROVAL_ROLE_LABELS: Record<string, string> = {
  branch_head: '营业部负责人',
  hq_head: '经纪业务总部负责人',
  company_leader: '公司分管领导',
};

export const FEEDBACK_METHODS = ['电话', '当面', '书面函件', '电子邮件', '短信'];

/** Audit actions beyond the workflow actions (history timeline). */
const EXTRA_HISTORY: Record<string, string> = {
  accept: '受理登记',
  update: '修改记录表',
  view_personal_data: '查看完整个人信息',
  recompute_deadlines: '重算期限',
  attach: '上传附件',
  attachment_added: '上传附件',
  archive: '归档',
  portal_submit: '客户在线提交',
  survey: '客户满意度调查',
};

export function historyLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action as Action] ?? EXTRA_HISTORY[action] ?? action;
}

/** Colour of a status tag. */
export const STATUS_COLORS: Record<string, string> = {
  received: 'blue',
  investigating: 'processing',
  pending_approval: 'orange',
  approved: 'cyan',
  feedback_given: 'geekblue',
  rectifying: 'purple',
  verifying: 'gold',
  closed: 'green',
  archived: 'default',
  destroyed: 'default',
  withdrawn: 'default',
};

/** Format an ISO instant in Beijing time, whatever the browser's zone. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(d)
    .replaceAll('/', '-');
}
