/** Every step of the complaint from the audit trail: action, actor, time and the reason or comment given. */
import { Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { STATUS_LABELS, fmtTime, historyLabel, type Status } from '../labels';
import type { HistoryItem } from '../types';

/** Chinese names of the record-form fields, for the edit entries. */
const FIELD_LABELS: Record<string, string> = {
  channel: '受理渠道', channelDetails: '渠道信息', category: '投诉类别', businessLink: '业务环节', customerName: '客户姓名', customerPhone: '联系电话',
  customerEmail: '电子邮箱', customerAddress: '联系地址', accountNumber: '资金账号', idNumber: '证件号码', occurredAt: '发生时间', location: '发生地点',
  involvedStaff: '涉及人员', reason: '投诉事由', narrative: '事情经过', preliminaryOpinion: '初步处理意见', regulatorCaseNumber: '监管转办编号',
  regulatorDueOn: '监管要求办结日期', findings: '调查核实情况', outcomeClass: '责任认定', noFaultReason: '无责任原因', handlingOpinion: '处理意见',
  rectifications: '整改措施', accountabilityActions: '责任人处理', coordinationDepartments: '需配合部门',
};

function note(d: Record<string, unknown>): string | null {
  if (Array.isArray(d.fields) && d.fields.length) return `修改：${d.fields.map((f) => FIELD_LABELS[String(f)] ?? String(f)).join('、')}`;
  for (const k of ['comment', 'reason', 'opinion', 'note']) if (typeof d[k] === 'string' && d[k]) return d[k] as string;
  if (d.late === true) return '逾期传递（非受理当日）';
  return null;
}

export function TimelineCard({ complaintId, version, repeat, repeatOfId }: { complaintId: string; version: number; repeat?: boolean; repeatOfId?: string | null }) {
  const [items, setItems] = useState<HistoryItem[]>([]);
  useEffect(() => {
    api<{ items: HistoryItem[] }>(`/api/complaints/${complaintId}/history`)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [complaintId, version]);
  return (
    <>
    {(repeat || repeatOfId) && (
      <div style={{ marginBottom: 12 }} data-testid="timeline-repeat">
        <Tag color="volcano">重复投诉</Tag>
        <span className="muted" style={{ fontSize: 12 }}>
          该客户此前的投诉回访“满意”后再次投诉{repeatOfId ? '，' : '。'}
          {repeatOfId && <Link to={`/complaints/${repeatOfId}`}>查看前次投诉</Link>}
        </span>
      </div>
    )}
    <Timeline
      data-testid="timeline"
      items={items.map((h) => ({
        color: h.action === 'reject' || h.action === 'rehandle' ? 'red' : h.toStatus === 'closed' ? 'green' : 'blue',
        content: (
          <>
            <div className="muted" style={{ fontSize: 12 }}>{fmtTime(h.at)}</div>
            <Typography.Text strong>{historyLabel(h.action)}</Typography.Text>
            {h.toStatus && h.fromStatus !== h.toStatus && <span className="muted"> → {STATUS_LABELS[h.toStatus as Status] ?? h.toStatus}</span>}
            <div className="muted" style={{ fontSize: 12 }}>{h.actorName ?? (h.actorId ? '—' : '客户 / 系统')}</div>
            {note(h.detail) && <div style={{ fontSize: 12 }}>{note(h.detail)}</div>}
          </>
        ),
      }))}
    />
    </>
  );
}
