/** Names from the glossary of the complaint handling measures (SPEC section 3). */

export const STATUSES = [
  'received',
  'investigating',
  'pending_approval',
  'approved',
  'feedback_given',
  'rectifying',
  'verifying',
  'closed',
  'archived',
  'destroyed',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

export const CHANNELS = ['walk_in', 'opinion_book', 'letter', 'email', 'phone', 'fax', 'online', 'regulator_transfer'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['environment', 'product', 'attitude', 'process'] as const;
export type Category = (typeof CATEGORIES)[number];

export const OUTCOME_CLASSES = ['serious_fault', 'partial_fault', 'no_fault', 'beyond_authority'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/** Why a class-3 (no_fault) complaint arose. */
export const NO_FAULT_REASONS = ['none', 'regulatory_policy', 'force_majeure'] as const;
export type NoFaultReason = (typeof NO_FAULT_REASONS)[number];

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export const ROLES = ['admin', 'clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['hq', 'branch', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Role that approves one level of the chain. */
export type ApprovalRole = 'branch_head' | 'hq_head' | 'company_leader';

export const ACTIONS = [
  'transfer',
  'reassign',
  'submit',
  'approve',
  'reject',
  'give_feedback',
  'start_rectification',
  'complete_measure',
  'request_verification',
  'close',
  'rerectify',
  'rehandle',
  'withdraw',
  'flag_malicious',
  'legal_review',
  'complete_coordination',
] as const;
export type Action = (typeof ACTIONS)[number];

export const STATUS_LABELS: Record<Status, string> = {
  received: '已受理',
  investigating: '调查核实中',
  pending_approval: '待审批',
  approved: '已审批',
  feedback_given: '已反馈',
  rectifying: '整改中',
  verifying: '待回访验证',
  closed: '已办结',
  archived: '已归档',
  destroyed: '已销毁',
  withdrawn: '已撤回',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  walk_in: '当面受理',
  opinion_book: '客户意见簿',
  letter: '书信',
  email: '邮件',
  phone: '电话',
  fax: '传真',
  online: '互联网',
  regulator_transfer: '监管转办',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  environment: '服务环境',
  product: '服务产品',
  attitude: '服务态度',
  process: '服务流程',
};

export const OUTCOME_LABELS: Record<OutcomeClass, string> = {
  serious_fault: '调查属实，被投诉人确有严重责任',
  partial_fault: '我方有一定责任，但与事实不完全符合',
  no_fault: '我方无责任／监管政策所限／不可抗力',
  beyond_authority: '我方有责任，但超出经纪业务总部职权或需总部其他部门配合',
};

export const ACTION_LABELS: Record<Action, string> = {
  transfer: '传递给投诉管理人员',
  reassign: '指派营业部核查',
  submit: '提交审批',
  approve: '审批通过',
  reject: '退回',
  give_feedback: '反馈客户',
  start_rectification: '开始整改',
  complete_measure: '整改措施完成',
  request_verification: '提请回访验证',
  close: '办结',
  rerectify: '重新整改',
  rehandle: '重新处理',
  withdraw: '客户撤回',
  flag_malicious: '标记恶意投诉',
  legal_review: '法律部门审核',
  complete_coordination: '协调事项完成',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '受理人员',
  complaint_manager: '投诉管理人员',
  branch_head: '营业部负责人',
  hq_head: '经纪业务总部负责人',
  company_leader: '公司分管领导',
  legal: '法律部门',
};
