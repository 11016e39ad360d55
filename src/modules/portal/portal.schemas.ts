/** Request schemas of the public portal (TypeBox → JSON Schema → OpenAPI). */
import { Type } from 'typebox';
import { CATEGORIES, SATISFACTION } from '../../domain/types.js';

const Enum = <T extends readonly string[]>(values: T, description?: string) => Type.Union(values.map((v) => Type.Literal(v)), { description });
const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });

export const OnlineComplaintBody = Type.Object(
  {
    customerName: Text(100, '姓名'),
    customerPhone: Text(30, '联系电话（手机或含区号的固定电话）'),
    customerEmail: Type.Optional(Text(200, '电子邮箱')),
    accountNumber: Type.Optional(Text(40, '资金账号')),
    unitId: Type.String({ maxLength: 64, description: '受理营业部（见 /api/portal/branches）' }),
    category: Type.Optional(Enum(CATEGORIES, '投诉类别，默认服务流程')),
    reason: Text(500, '投诉事由'),
    narrative: Text(5000, '事情经过'),
    occurredAt: Type.Optional(Text(40, '发生时间')),
    challengeId: Type.String({ maxLength: 64, description: '验证题编号（见 /api/portal/challenge）' }),
    challengeAnswer: Text(10, '验证题答案'),
    privacyAccepted: Type.Optional(Type.Boolean({ description: '已阅读并同意个人信息保护说明（须为 true）' })),
  },
  { additionalProperties: false },
);

/** What the customer holds to identify the complaint. */
const lookup = {
  code: Type.String({ maxLength: 40, description: '查询码' }),
  phoneLast4: Type.String({ maxLength: 10, description: '联系电话后四位' }),
};

export const LookupQuery = Type.Object(lookup, { additionalProperties: false });

export const SurveyBody = Type.Object(
  { ...lookup, satisfaction: Enum(SATISFACTION, '满意度'), comment: Type.Optional(Text(2000, '意见建议')) },
  { additionalProperties: false },
);

export const TrackingCodeParams = Type.Object({ trackingCode: Type.String({ maxLength: 40 }) });
