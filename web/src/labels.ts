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

/** Audit actions beyond the workflow actions (history timeline); every non-workflow `action:` written by src/. */
const EXTRA_HISTORY: Record<string, string> = {
  accept: '受理登记',
  verification_discrepancy: '回访结果与客户评价不一致',
  update: '修改记录表',
  edit: '修改记录表',
  view_personal_data: '查看完整个人信息',
  recompute_deadlines: '工作日历变更，重算期限',
  attach: '上传附件',
  attachment_added: '上传附件',
  download_attachment: '下载附件',
  export_record_form: '导出记录表',
  email_intake: '电子邮件受理',
  archive: '归档',
  seal_archive_batch: '封存归档批次',
  export_archive_package: '导出归档包',
  legal_hold: '诉讼保全冻结',
  release_legal_hold: '解除诉讼保全冻结',
  request_destruction: '提出销毁申请',
  approve_destruction: '批准销毁',
  destroy: '档案销毁',
  destroy_archive_batch: '归档批次销毁',
  import_record_forms: '历史记录表导入',
  submit_monthly_report: '报送月报',
  add_improvement: '制定改进措施',
  complete_improvement: '改进措施完成',
  portal_submit: '客户在线提交',
  survey: '客户满意度评价',
  customer_survey: '客户在线满意度评价',
};

/** Archive media (seal-archive-batch.ts MEDIA). */
export const MEDIUM_LABELS: Record<string, string> = { disc: '光盘', paper: '纸质', electronic: '电子' };

/** Monthly report timeliness (grid and list). */
export const TIMELINESS_LABELS: Record<string, [label: string, color: string]> = {
  on_time: ['按时报送', 'green'],
  late: ['逾期报送', 'orange'],
  missing: ['逾期未报', 'red'],
  not_due: ['未到期', 'default'],
};

/** Kinds of quarterly hotspots. */
export const HOTSPOT_KIND_LABELS: Record<string, string> = { business_link: '业务环节', staff: '涉及人员' };

/** Columns of the historical record-form import, in the order of the template (src/modules/records/import/record-form-import.ts). */
export const IMPORT_COLUMNS: { header: string; required: boolean; example: string }[] = [
  { header: '客户姓名', required: true, example: '张三' },
  { header: '联系电话', required: false, example: '13800001234' },
  { header: '电子邮箱', required: false, example: '' },
  { header: '联系地址', required: false, example: '' },
  { header: '资金账号', required: false, example: '' },
  { header: '证件号码', required: false, example: '' },
  { header: '受理日期', required: true, example: '2025-03-18' },
  { header: '渠道', required: true, example: '当面受理' },
  { header: '投诉类别', required: true, example: '服务态度' },
  { header: '业务环节', required: false, example: '' },
  { header: '投诉事由', required: true, example: '柜台办理业务等候时间过长' },
  { header: '事情经过', required: true, example: '客户称排队一小时仍未办理。' },
  { header: '发生时间', required: false, example: '' },
  { header: '发生地点', required: false, example: '' },
  { header: '涉及人员', required: false, example: '' },
  { header: '初步处理意见', required: false, example: '' },
  { header: '办结日期', required: false, example: '2025-03-21' },
  { header: '调查核实情况', required: false, example: '经核实，当日柜台人手不足。' },
  { header: '处理意见', required: false, example: '向客户致歉，增加高峰时段柜台人员。' },
  { header: '责任认定', required: false, example: '二类' },
  { header: '回访满意度', required: false, example: '满意' },
];

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
