/**
 * Deadlines of a complaint with the working-day explanation from the
 * calendar service (GET /api/calendar/due). Without that service the dates
 * still show, with the rule they follow.
 */
import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Complaint } from '../types';

interface DueAnswer {
  dueOn: string;
  provisional?: boolean;
  explanation?: string;
}

function useExplanation(from: string, n: number): DueAnswer | null {
  const [ans, setAns] = useState<DueAnswer | null>(null);
  useEffect(() => {
    let alive = true;
    api<DueAnswer>('/api/calendar/due', { query: { from, workingDays: n } })
      .then((r) => alive && setAns(r))
      .catch(() => alive && setAns(null));
    return () => {
      alive = false;
    };
  }, [from, n]);
  return ans;
}

function Stage({ label, due, late, done, n, from }: { label: string; due: string; late: boolean; done: boolean; n: number; from: string }) {
  const ex = useExplanation(from, n);
  return (
    <div style={{ marginBottom: 10 }}>
      <span className="muted">{label}：</span>
      <span className={late ? 'overdue' : undefined} data-testid={`due-${n}`} style={{ fontWeight: 500 }}>{due}</span>{' '}
      {done ? <Tag color="green">已完成</Tag> : late ? <Tag color="red">已超期</Tag> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 0' }} data-testid={`due-explanation-${n}`}>
        {ex && ex.dueOn === due && ex.explanation ? ex.explanation : `受理日（含当日）起按工作日计算`}
      </Typography.Paragraph>
    </div>
  );
}

const AFTER_SUBMIT = ['pending_approval', 'approved', 'feedback_given', 'rectifying', 'verifying', 'closed', 'archived', 'destroyed'];
const AFTER_FEEDBACK = ['feedback_given', 'rectifying', 'verifying', 'closed', 'archived', 'destroyed'];

export function DeadlinesCard({ c }: { c: Complaint }) {
  return (
    <>
      {c.deadlinesProvisional && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="期限为暂定：相关年度的官方节假日安排尚未加载" />}
      <Stage label="调查核实" due={c.investigationDueOn} n={3} from={c.acceptedOn} late={c.overdue.includes('investigation')} done={AFTER_SUBMIT.includes(c.status)} />
      <Stage label="反馈客户" due={c.feedbackDueOn} n={4} from={c.acceptedOn} late={c.overdue.includes('feedback')} done={AFTER_FEEDBACK.includes(c.status)} />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="当日传递">
          {c.transferredAt ? (c.transferLate ? <Tag color="red">逾期传递</Tag> : <Tag color="green">已按时传递</Tag>) : c.status === 'received' ? <Tag color="orange">待传递（须于受理当日）</Tag> : '—'}
        </Descriptions.Item>
        {c.regulatorDueOn && <Descriptions.Item label="监管要求办结">{c.regulatorDueOn}</Descriptions.Item>}
      </Descriptions>
    </>
  );
}
