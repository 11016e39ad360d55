/**
 * 审批退回: while a complaint is back under investigation because an approver
 * sent it back, the reason stands on top of the page, so the manager does not
 * have to find it in the approval table before revising the draft.
 */
import { Alert } from 'antd';
import { APPROVAL_ROLE_LABELS, fmtTime } from '../labels';
import type { Org } from '../org';
import type { Complaint } from '../types';

export function RejectionNotice({ c, org }: { c: Complaint; org: Org }) {
  if (c.status !== 'investigating') return null;
  const last = [...c.approvals].filter((a) => a.round === c.round).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)).at(-1);
  if (!last || last.decision === 'approved') return null;
  const who = `${APPROVAL_ROLE_LABELS[last.role] ?? last.role} ${last.approverName ?? org.userName(last.approverId)}`;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="rejection-notice"
      title={`审批退回：${last.comment ?? '（未填写意见）'}`}
      description={`${who}于 ${fmtTime(last.decidedAt)} 退回，请按意见修改调查处理意见后重新提交审批。`}
    />
  );
}
