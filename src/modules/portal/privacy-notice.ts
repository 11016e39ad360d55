/**
 * The privacy notice shown on the public complaint form. The customer must
 * accept it before filing; the version accepted is kept with the complaint.
 */
export interface PrivacyNotice {
  version: string;
  title: string;
  /** Why the data is collected. */
  purpose: string;
  /** What is collected. */
  data: string;
  /** How long it is kept. */
  retention: string;
  /** Who sees it. */
  recipients: string;
  /** The customer's rights and how to reach us. */
  rights: string;
  /** The whole notice as one text, for display and print. */
  text: string;
}

const sections = {
  purpose:
    '您提交的个人信息仅用于按照本公司《营业部客户投诉处理办法》受理、调查、处理您的投诉，向您反馈处理意见，并进行回访验证；不会用于营销或其他目的。',
  data: '我们收集您填写的姓名、联系电话、电子邮箱（选填）、资金账号（选填）、投诉事由、事情经过及您上传的材料。',
  retention: '投诉办结后按月归档，自归档之日起保存 5 年；保存期满后依照公司档案管理规定销毁，销毁时删除您的个人信息。',
  recipients:
    '仅您选择的营业部及经纪业务总部负责投诉受理、处理、审批和回访的工作人员可以查看；确需总部其他部门（如法律合规部）配合处理时，仅向其提供处理所必需的信息；法律法规或监管机构要求时依法提供。',
  rights: '您可以通过投诉进度查询了解办理情况；如需查询、更正您的个人信息或撤回投诉，请联系受理营业部。',
};

/** The notice in force. Bump `version` whenever the wording changes. */
export const PRIVACY_NOTICE: PrivacyNotice = {
  version: '2026-11',
  title: '个人信息保护说明',
  ...sections,
  text: [
    `一、使用目的：${sections.purpose}`,
    `二、收集的信息：${sections.data}`,
    `三、保存期限：${sections.retention}`,
    `四、查看范围：${sections.recipients}`,
    `五、您的权利：${sections.rights}`,
  ].join('\n'),
};
