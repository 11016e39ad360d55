/** Read-only sections of the record form: acceptance, customer, complaint, handling, approvals, feedback and callback. */
import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import {
  APPROVAL_ROLE_LABELS,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  NO_FAULT_REASON_LABELS,
  OUTCOME_LABELS,
  SATISFACTION_LABELS,
  fmtTime,
  type Category,
  type Channel,
  type NoFaultReason,
  type OutcomeClass,
  type Satisfaction,
} from '../labels';
import type { Org } from '../org';
import type { Complaint } from '../types';

const Pre = ({ text }: { text: string | null | undefined }) => (text ? <div className="pre">{text}</div> : <span className="muted">—</span>);

const DETAIL_LABELS: Record<string, string> = {
  opinionBookPage: '意见簿页码',
  letterReceivedOn: '来信收到日期',
  senderAddress: '来信地址',
  callerNumber: '来电号码',
  emailFrom: '来件邮箱',
  faxNumber: '传真号码',
  regulator: '转办机构',
  privacyVersion: '隐私说明版本',
  via: '提交途径',
};
/** Facts recorded for the system, not worth showing as channel details. */
const HIDDEN_DETAILS = new Set(['privacyAccepted']);

export function channelDetailsText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([k, v]) => v !== null && v !== undefined && v !== '' && !HIDDEN_DETAILS.has(k))
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}：${v === 'portal' ? '客户门户' : String(v)}`)
    .join('；');
}

export function RecordSection({ c, org }: { c: Complaint; org: Org }) {
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} styles={{ label: { width: 120 } }}>
      <Descriptions.Item label="受理单位">{org.unitName(c.acceptingUnitId)}</Descriptions.Item>
      <Descriptions.Item label="受理日">{c.acceptedOn}{c.backdateReason ? `（补录：${c.backdateReason}）` : ''}</Descriptions.Item>
      <Descriptions.Item label="受理渠道">{CHANNEL_LABELS[c.channel as Channel] ?? c.channel}{c.source === 'online' ? '（客户在线提交）' : ''}</Descriptions.Item>
      <Descriptions.Item label="受理人员">{c.acceptedBy ? org.userName(c.acceptedBy) : '客户本人在线提交'}</Descriptions.Item>
      {Object.keys(c.channelDetails ?? {}).length > 0 && <Descriptions.Item label="渠道信息" span={2}>{channelDetailsText(c.channelDetails)}</Descriptions.Item>}
      {c.regulatorCaseNumber && <Descriptions.Item label="监管转办编号">{c.regulatorCaseNumber}</Descriptions.Item>}
      {c.regulatorDueOn && <Descriptions.Item label="监管要求办结">{c.regulatorDueOn}</Descriptions.Item>}
      <Descriptions.Item label="客户姓名">{c.customerName}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{c.customerPhone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="电子邮箱">{c.customerEmail ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="联系地址">{c.customerAddress ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="资金账号">{c.accountNumber ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="证件号码">{c.idNumber ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="投诉类别">{CATEGORY_LABELS[c.category as Category] ?? c.category}</Descriptions.Item>
      <Descriptions.Item label="业务环节">{org.linkName(c.businessLink)}</Descriptions.Item>
      <Descriptions.Item label="发生时间">{c.occurredAt ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="发生地点">{c.location ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="涉及人员" span={2}>
        {c.involvedStaff.length ? c.involvedStaff.map((s) => `${s.name}${s.position ? `（${s.position}）` : ''}`).join('、') : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="投诉事由" span={2}>{c.reason}</Descriptions.Item>
      <Descriptions.Item label="事情经过" span={2}><Pre text={c.narrative} /></Descriptions.Item>
      <Descriptions.Item label="初步处理意见" span={2}><Pre text={c.preliminaryOpinion} /></Descriptions.Item>
    </Descriptions>
  );
}

export function HandlingSection({ c }: { c: Complaint }) {
  const inv = c.investigation;
  if (!inv.findings && !inv.outcomeClass && !c.handlingOpinion && c.rectifications.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交调查处理意见" />;
  }
  return (
    <>
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="调查核实情况"><Pre text={inv.findings} /></Descriptions.Item>
        <Descriptions.Item label="责任认定">
          {inv.outcomeClass ? OUTCOME_LABELS[inv.outcomeClass as OutcomeClass] : '—'}
          {inv.noFaultReason ? `（${NO_FAULT_REASON_LABELS[inv.noFaultReason as NoFaultReason]}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="处理意见"><Pre text={c.handlingOpinion} /></Descriptions.Item>
        {c.accountabilityActions.length > 0 && (
          <Descriptions.Item label="责任人处理">{c.accountabilityActions.map((a) => <div key={a.id}>{a.person}：{a.measure}</div>)}</Descriptions.Item>
        )}
        {c.coordinationDepartments.length > 0 && <Descriptions.Item label="需配合部门">{c.coordinationDepartments.join('、')}</Descriptions.Item>}
      </Descriptions>
      {c.rectifications.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.rectifications}
          scroll={{ x: 560 }}
          columns={[
            { title: '轮次', dataIndex: 'round', width: 56 },
            { title: '整改措施', dataIndex: 'description' },
            { title: '责任人', dataIndex: 'owner', width: 90 },
            { title: '期限', dataIndex: 'dueOn', width: 110 },
            { title: '完成情况', key: 'done', width: 170, render: (_, m) => (m.doneAt ? <Tag color="green">已完成 {fmtTime(m.doneAt).slice(0, 10)}</Tag> : <Tag color="orange">待完成</Tag>) },
          ]}
        />
      )}
      {c.coordinationTasks.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.coordinationTasks}
          columns={[
            { title: '协调部门', dataIndex: 'department' },
            { title: '状态', key: 's', render: (_, t) => (t.doneAt ? <Tag color="green">已完成</Tag> : <Tag color="orange">待办</Tag>) },
          ]}
        />
      )}
    </>
  );
}

export function ApprovalSection({ c, org }: { c: Complaint; org: Org }) {
  return (
    <>
      {c.approvalChain.length > 0 && (
        <Typography.Paragraph type="secondary">
          审批链（第 {c.round} 轮）：
          {c.approvalChain.map((r, i) => (
            <Tag key={r + i} color={i < c.approvalLevel ? 'green' : i === c.approvalLevel && c.status === 'pending_approval' ? 'orange' : 'default'}>
              {APPROVAL_ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.approvals}
        locale={{ emptyText: '暂无审批记录' }}
        scroll={{ x: 560 }}
        columns={[
          { title: '轮次', dataIndex: 'round', width: 56 },
          { title: '层级', dataIndex: 'role', width: 150, render: (r: string) => APPROVAL_ROLE_LABELS[r] ?? r },
          { title: '审批人', key: 'who', width: 170, render: (_, a) => a.approverName ?? org.userName(a.approverId) },
          { title: '结论', dataIndex: 'decision', width: 80, render: (d: string) => (d === 'approved' ? <Tag color="green">同意</Tag> : <Tag color="red">退回</Tag>) },
          { title: '意见', dataIndex: 'comment', render: (t: string | null) => t ?? '—' },
          { title: '时间', dataIndex: 'decidedAt', width: 150, render: fmtTime },
        ]}
      />
    </>
  );
}

interface Survey {
  id: string;
  round: number;
  satisfaction: string;
  comment: string | null;
  createdAt: string;
}

/** The customer's own answers from the online satisfaction survey (GET /api/complaints/:id/survey). */
function useSurveys(id: string, version: number): Survey[] {
  const [items, setItems] = useState<Survey[]>([]);
  useEffect(() => {
    api<{ items: Survey[] }>(`/api/complaints/${id}/survey`)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [id, version]);
  return items;
}

export function FeedbackSection({ c, org }: { c: Complaint; org: Org }) {
  const surveys = useSurveys(c.id, c.version);
  return (
    <>
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="反馈内容"><Pre text={c.feedback?.content} /></Descriptions.Item>
        <Descriptions.Item label="反馈方式与时间">{c.feedback ? `${c.feedback.method ?? ''} ${fmtTime(c.feedback.givenAt)}` : '—'}</Descriptions.Item>
        <Descriptions.Item label="客户反应">{c.feedback?.customerReaction ?? '—'}</Descriptions.Item>
        {c.malicious && <Descriptions.Item label="恶意投诉"><Tag color="red">已标记</Tag> {c.maliciousReason}</Descriptions.Item>}
        {c.legalReview && <Descriptions.Item label="法律部门意见">{c.legalReview.opinion}</Descriptions.Item>}
        {c.withdrawnReason && <Descriptions.Item label="撤回原因">{c.withdrawnReason}</Descriptions.Item>}
        {surveys.map((s) => (
          <Descriptions.Item key={s.id} label={`客户在线评价（第${s.round}轮）`}>
            <span data-testid="survey-answer">{SATISFACTION_LABELS[s.satisfaction as Satisfaction] ?? s.satisfaction}</span>
            {s.comment ? `：${s.comment}` : ''} <span className="muted">{fmtTime(s.createdAt)}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {c.callbacks.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.callbacks}
          scroll={{ x: 760 }}
          columns={[
            { title: '轮次', dataIndex: 'round', width: 56 },
            { title: '回访人', dataIndex: 'calledBy', width: 130, render: (u: string) => org.userName(u) },
            { title: '满意度', dataIndex: 'satisfaction', width: 76, render: (s: string) => SATISFACTION_LABELS[s as Satisfaction] ?? s },
            { title: '整改落实', key: 'd', width: 76, render: (_, r) => (r.rectificationDone ? '是' : '否') },
            { title: '整改有效', key: 'e', width: 76, render: (_, r) => (r.rectificationEffective ? '是' : '否') },
            { title: '处理得当', key: 'p', width: 76, render: (_, r) => (r.handlingProper ? '是' : '否') },
            { title: '结果', dataIndex: 'outcome', width: 76, render: (o: string) => ({ close: '办结', rerectify: '重新整改', rehandle: '重新处理' })[o] ?? o },
            { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          ]}
        />
      )}
    </>
  );
}
