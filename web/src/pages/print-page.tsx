/**
 * Print view of the record form in the official layout (营业部客户投诉处理记录表):
 * a bordered A4 sheet; the print stylesheet hides the toolbar.
 */
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { channelDetailsText } from '../complaint/record-view';
import { APPROVAL_ROLE_LABELS, CATEGORY_LABELS, CHANNEL_LABELS, NO_FAULT_REASON_LABELS, OUTCOME_LABELS, SATISFACTION_LABELS, STATUS_LABELS, fmtTime } from '../labels';
import { useOrg } from '../org';
import type { Complaint } from '../types';
import './print.css';

const L = (m: Record<string, string>, k: string | null | undefined) => (k ? (m[k] ?? k) : '');

export default function PrintPage() {
  const { id } = useParams<{ id: string }>();
  const org = useOrg();
  const [c, setC] = useState<Complaint | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [full, setFull] = useState(false);

  useEffect(() => {
    api<Complaint>(`/api/complaints/${id}`, { query: { reveal: full || undefined } })
      .then(setC)
      .catch((e) => setError(e as ApiError));
  }, [id, full]);

  useEffect(() => {
    if (c) document.title = `记录表 ${c.number}`;
  }, [c]);

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '投诉不存在' : error.message} />;
  if (!c) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

  const lastCallback = c.callbacks[c.callbacks.length - 1];
  const approvals = c.approvals.filter((a) => a.round === c.round);
  return (
    <div className="print-page">
      <div className="print-toolbar">
        {c.personalDataMasked && <Button onClick={() => setFull(true)}>显示完整个人信息（将记录查看）</Button>}
        <Button href={`/api/complaints/${c.id}/record-form.pdf`} target="_blank">下载 PDF</Button>
        <Button href={`/api/complaints/${c.id}/record-form.xlsx`}>导出 XLSX</Button>
        <Button type="primary" onClick={() => window.print()}>打印</Button>
      </div>
      <div className="print-sheet" data-testid="print-sheet">
        <h1>{org.unitName(c.acceptingUnitId) === '—' ? '' : org.unitName(c.acceptingUnitId)}客户投诉处理记录表</h1>
        <div className="meta">
          <span>编号：{c.number}</span>
          <span>受理日期：{c.acceptedOn}</span>
          <span>状态：{L(STATUS_LABELS, c.status)}</span>
        </div>
        <table>
          <tbody>
            <tr>
              <th>客户姓名</th>
              <td>{c.customerName}</td>
              <th>联系方式</th>
              <td>{[c.customerPhone, c.customerEmail, c.customerAddress].filter(Boolean).join('\n')}</td>
            </tr>
            <tr>
              <th>资金账号</th>
              <td>{c.accountNumber ?? ''}</td>
              <th>受理渠道</th>
              <td>{L(CHANNEL_LABELS, c.channel)}{Object.keys(c.channelDetails).length ? `\n${channelDetailsText(c.channelDetails)}` : ''}</td>
            </tr>
            <tr>
              <th>投诉类别</th>
              <td>{L(CATEGORY_LABELS, c.category)}</td>
              <th>业务环节</th>
              <td>{org.linkName(c.businessLink)}</td>
            </tr>
            <tr>
              <th>发生时间、地点</th>
              <td colSpan={3}>{[c.occurredAt, c.location].filter(Boolean).join('，')}</td>
            </tr>
            <tr>
              <th>涉及人员</th>
              <td colSpan={3}>{c.involvedStaff.map((s) => s.name + (s.position ? `（${s.position}）` : '')).join('、')}</td>
            </tr>
            <tr>
              <th>投诉事由</th>
              <td colSpan={3}>{c.reason}</td>
            </tr>
            <tr>
              <th>事情经过</th>
              <td colSpan={3} className="tall">{c.narrative}</td>
            </tr>
            <tr>
              <th>初步处理意见</th>
              <td colSpan={3}>{c.preliminaryOpinion ?? ''}<div className="sign"><span>受理人：{c.acceptedBy ? org.userName(c.acceptedBy) : '客户在线提交'}</span><span>{fmtTime(c.acceptedAt)}</span></div></td>
            </tr>
            <tr>
              <th>调查核实情况</th>
              <td colSpan={3} className="tall">{c.investigation.findings ?? ''}</td>
            </tr>
            <tr>
              <th>责任认定</th>
              <td colSpan={3}>
                {L(OUTCOME_LABELS, c.investigation.outcomeClass)}
                {c.investigation.noFaultReason ? `（${L(NO_FAULT_REASON_LABELS, c.investigation.noFaultReason)}）` : ''}
              </td>
            </tr>
            <tr>
              <th>处理意见</th>
              <td colSpan={3} className="tall">
                {c.handlingOpinion ?? ''}
                {c.accountabilityActions.length > 0 && `\n责任人处理：${c.accountabilityActions.map((a) => `${a.person}——${a.measure}`).join('；')}`}
              </td>
            </tr>
            <tr>
              <th>整改措施</th>
              <td colSpan={3}>
                {c.rectifications.map((m, i) => `${i + 1}. ${m.description}（责任人：${m.owner}，期限：${m.dueOn}${m.doneAt ? `，已完成 ${fmtTime(m.doneAt).slice(0, 10)}` : ''}）`).join('\n')}
              </td>
            </tr>
            <tr>
              <th>审批意见</th>
              <td colSpan={3}>
                {approvals.map((a) => `${APPROVAL_ROLE_LABELS[a.role] ?? a.role}：${a.decision === 'approved' ? '同意' : '退回'}（${a.approverName ?? org.userName(a.approverId)}，${fmtTime(a.decidedAt)}）${a.comment ? `\n    意见：${a.comment}` : ''}`).join('\n')}
              </td>
            </tr>
            <tr>
              <th>反馈情况</th>
              <td colSpan={3}>{c.feedback ? `${c.feedback.method ?? ''}，${fmtTime(c.feedback.givenAt)}\n${c.feedback.content ?? ''}${c.feedback.customerReaction ? `\n客户反应：${c.feedback.customerReaction}` : ''}` : ''}</td>
            </tr>
            <tr>
              <th>回访验证</th>
              <td colSpan={3}>
                {lastCallback
                  ? `${fmtTime(lastCallback.calledAt)}，回访人：${org.userName(lastCallback.calledBy)}\n客户满意度：${L(SATISFACTION_LABELS, lastCallback.satisfaction)}；整改${lastCallback.rectificationDone ? '已' : '未'}落实，${lastCallback.rectificationEffective ? '有效' : '效果不佳'}${lastCallback.note ? `\n${lastCallback.note}` : ''}`
                  : ''}
              </td>
            </tr>
            <tr>
              <th>归档</th>
              <td colSpan={3}>{c.archiveBatchId ? `已归档（批次 ${c.archiveBatchId}）` : c.closedAt ? `办结于 ${fmtTime(c.closedAt)}，待月度归档` : ''}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
