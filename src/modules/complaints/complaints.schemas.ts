/** Request schemas of the complaints API (TypeBox → JSON Schema → OpenAPI). */
import { Type } from 'typebox';
import { CATEGORIES, CHANNELS, NO_FAULT_REASONS, OUTCOME_CLASSES, SATISFACTION, STATUSES } from '../../domain/types.js';

const Enum = <T extends readonly string[]>(values: T, description?: string) => Type.Union(values.map((v) => Type.Literal(v)), { description });
const Date = (description?: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
const OptText = (max: number, description?: string) => Type.Optional(Type.Union([Text(max, description), Type.Null()]));

export const InvolvedStaff = Type.Object(
  { name: Text(50, '涉及人员姓名'), userId: Type.Optional(Type.Union([Type.String(), Type.Null()])), position: OptText(50, '岗位') },
  { additionalProperties: false },
);

export const Measure = Type.Object(
  { description: Text(2000, '整改措施'), owner: Text(100, '整改责任人'), dueOn: Date('整改期限') },
  { additionalProperties: false },
);

export const AccountabilityAction = Type.Object({ person: Text(100, '责任人'), measure: Text(1000, '处理措施') }, { additionalProperties: false });

const recordFields = {
  channel: Enum(CHANNELS, '渠道'),
  channelDetails: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: '渠道相关信息：意见簿页码、来信日期、来电号码等' })),
  category: Enum(CATEGORIES, '投诉类别'),
  businessLink: OptText(50, '业务环节代码'),
  customerName: Text(100, '客户姓名'),
  customerPhone: OptText(30, '联系电话'),
  customerEmail: OptText(200, '电子邮箱'),
  customerAddress: OptText(300, '联系地址'),
  accountNumber: OptText(40, '资金账号'),
  idNumber: OptText(40, '证件号码'),
  occurredAt: OptText(40, '发生时间'),
  location: OptText(200, '发生地点'),
  involvedStaff: Type.Optional(Type.Array(InvolvedStaff, { maxItems: 50, description: '涉及人员' })),
  reason: Text(500, '投诉事由'),
  narrative: Text(10000, '事情经过'),
  preliminaryOpinion: OptText(5000, '初步处理意见'),
  regulatorCaseNumber: OptText(100, '监管转办编号'),
  regulatorDueOn: Type.Optional(Type.Union([Date('监管要求办结日期'), Type.Null()])),
};

export const CreateComplaintBody = Type.Object(
  {
    ...recordFields,
    acceptingUnitId: Type.Optional(Type.String({ description: '受理单位，默认本人所在单位' })),
    acceptedOn: Type.Optional(Date('受理日，默认今天')),
    backdateReason: Type.Optional(Text(500, '补录历史受理日的原因')),
  },
  { additionalProperties: false },
);

const draftFields = {
  findings: OptText(10000, '调查核实情况'),
  outcomeClass: Type.Optional(Type.Union([Enum(OUTCOME_CLASSES, '责任认定类别'), Type.Null()])),
  noFaultReason: Type.Optional(Type.Union([Enum(NO_FAULT_REASONS), Type.Null()])),
  handlingOpinion: OptText(10000, '处理意见'),
  rectifications: Type.Optional(Type.Array(Measure, { maxItems: 50 })),
  accountabilityActions: Type.Optional(Type.Array(AccountabilityAction, { maxItems: 50 })),
  coordinationDepartments: Type.Optional(Type.Array(Text(100), { maxItems: 20, description: '需配合的总部部门' })),
};

export const PatchComplaintBody = Type.Object(
  {
    ...Object.fromEntries(Object.entries(recordFields).map(([k, v]) => [k, Type.Optional(v)])),
    ...draftFields,
    version: Type.Integer({ description: '读取时的版本号（必填）；不一致时拒绝（409 STALE）' }),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    version: Type.Optional(Type.Integer()),
    comment: Type.Optional(Text(2000, '审批意见')),
    reason: Type.Optional(Text(2000, '原因')),
    managerId: Type.Optional(Type.String({ description: '投诉管理人员' })),
    unitId: Type.Optional(Type.String({ description: '指派的营业部' })),
    measureId: Type.Optional(Type.String()),
    taskId: Type.Optional(Type.String()),
    note: Type.Optional(Text(2000)),
    opinion: Type.Optional(Text(5000, '法律部门意见')),
    feedback: Type.Optional(
      Type.Object(
        { content: Text(10000, '反馈内容'), method: Text(50, '反馈方式'), givenAt: Type.Optional(Type.String()), customerReaction: Type.Optional(Text(2000)) },
        { additionalProperties: false },
      ),
    ),
    callback: Type.Optional(
      Type.Object(
        {
          calledAt: Type.Optional(Type.String()),
          satisfaction: Type.Optional(Enum(SATISFACTION, '满意度')),
          rectificationDone: Type.Optional(Type.Boolean()),
          rectificationEffective: Type.Optional(Type.Boolean()),
          handlingProper: Type.Optional(Type.Boolean()),
          note: Type.Optional(Text(5000)),
        },
        { additionalProperties: false },
      ),
    ),
    measures: Type.Optional(Type.Array(Measure, { maxItems: 50 })),
    ...draftFields,
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ description: '状态，逗号分隔：' + STATUSES.join(',') })),
    unit: Type.Optional(Type.String()),
    channel: Type.Optional(Enum(CHANNELS)),
    category: Type.Optional(Enum(CATEGORIES)),
    businessLink: Type.Optional(Type.String()),
    overdue: Type.Optional(Type.Boolean()),
    mine: Type.Optional(Type.Boolean()),
    text: Type.Optional(Type.String({ maxLength: 100 })),
    acceptedFrom: Type.Optional(Date()),
    acceptedTo: Type.Optional(Date()),
    sort: Type.Optional(Enum(['accepted_on', 'investigation_due_on', 'feedback_due_on', 'number'] as const)),
    order: Type.Optional(Enum(['asc', 'desc'] as const)),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const ActionParams = Type.Object({ id: Type.String({ maxLength: 64 }), action: Type.String({ maxLength: 40 }) });
