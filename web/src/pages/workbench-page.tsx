/**
 * 我的工作台: what needs the signed-in user today. Each bucket is a list
 * query; "to approve" is narrowed with allowedActions, so the page shows only
 * what the server would let this user do.
 */
import { Card, Col, Row, Statistic, Tabs, Typography, Alert } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { ComplaintTable } from '../components/complaint-table';
import { NotificationInbox } from '../components/notifications';
import { useLang } from '../i18n';
import { useOrg } from '../org';
import type { Complaint, ComplaintSummary, Page } from '../types';

interface Bucket {
  key: string;
  title: string;
  items: ComplaintSummary[];
  danger?: boolean;
}

const list = (query: Record<string, string | number | boolean>) =>
  api<Page<ComplaintSummary>>('/api/complaints', { query: { pageSize: 100, sort: 'feedback_due_on', order: 'asc', ...query } }).then((r) => r.items);

/** Pending approvals where this user is the approver of the current level. */
async function myApprovals(): Promise<ComplaintSummary[]> {
  const pending = await list({ status: 'pending_approval' });
  const details = await Promise.all(pending.slice(0, 40).map((c) => api<Complaint>(`/api/complaints/${c.id}`).catch(() => null)));
  return details.filter((d): d is Complaint => !!d && d.allowedActions.includes('approve'));
}

interface DeadlineBoard {
  dueToday?: unknown[] | number;
  dueSoon?: unknown[] | number;
  overdue?: unknown[] | number;
  transferLate?: unknown[] | number;
}
const count = (v: unknown[] | number | undefined) => (Array.isArray(v) ? v.length : (v ?? 0));

export default function WorkbenchPage() {
  const user = useUser();
  const org = useOrg();
  const { t } = useLang();
  const [buckets, setBuckets] = useState<Bucket[] | null>(null);
  const [board, setBoard] = useState<DeadlineBoard | null>(null);
  const [active, setActive] = useState<string>('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const isManager = hasRole(user, 'complaint_manager');
    const isApprover = hasRole(user, 'branch_head', 'hq_head', 'company_leader');
    const canTransfer = hasRole(user, 'clerk', 'complaint_manager', 'branch_head', 'hq_head');
    const jobs: Promise<Bucket | null>[] = [
      canTransfer ? list({ status: 'received' }).then((items) => ({ key: 'transfer', title: '待传递', items })) : Promise.resolve(null),
      isManager ? list({ status: 'investigating', mine: true }).then((items) => ({ key: 'investigate', title: '待调查处理', items })) : Promise.resolve(null),
      isApprover ? myApprovals().then((items) => ({ key: 'approve', title: '待我审批', items })) : Promise.resolve(null),
      isManager ? list({ status: 'approved', mine: true }).then((items) => ({ key: 'feedback', title: '待反馈客户', items })) : Promise.resolve(null),
      isManager || isApprover ? list({ status: 'feedback_given,rectifying', mine: isManager }).then((items) => ({ key: 'rectify', title: '整改中', items })) : Promise.resolve(null),
      isManager ? list({ status: 'verifying' }).then((items) => ({ key: 'callback', title: '待回访验证', items })) : Promise.resolve(null),
      list({ overdue: true }).then((items) => ({ key: 'overdue', title: '已超期', items, danger: true })),
    ];
    Promise.all(jobs)
      .then((bs) => {
        if (!alive) return;
        const got = bs.filter((b): b is Bucket => b !== null);
        setBuckets(got);
        setActive((a) => a || (got.find((b) => b.items.length > 0)?.key ?? got[0]?.key ?? ''));
      })
      .catch((e) => alive && setError((e as Error).message));
    api<DeadlineBoard>('/api/dashboard/deadlines')
      .then((b) => alive && setBoard(b))
      .catch((e) => {
        if (!(e instanceof ApiError && e.status === 404)) console.warn(e);
      });
    return () => {
      alive = false;
    };
  }, [user]);

  const current = useMemo(() => buckets?.find((b) => b.key === active), [buckets, active]);

  return (
    <>
      <div className="page-title">
        <h2>{t('我的工作台')}</h2>
        <Typography.Text type="secondary">{user.displayName} · {user.roleLabels.join('、')}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(buckets ?? []).map((b) => (
          <Col key={b.key} xs={8} sm={8} md={6} lg={4} xl={3}>
            <Card size="small" className={`counter-card ${active === b.key ? 'active' : ''}`} onClick={() => setActive(b.key)} data-testid={`counter-${b.key}`}>
              <Statistic title={b.title} value={b.items.length} styles={{ content: { color: b.danger && b.items.length > 0 ? '#cf1322' : undefined } }} />
            </Card>
          </Col>
        ))}
        {board && (
          <>
            <Col xs={8} sm={8} md={6} lg={4} xl={3}>
              <Card size="small" className="counter-card"><Statistic title="今日到期" value={count(board.dueToday)} styles={{ content: { color: count(board.dueToday) ? '#d46b08' : undefined } }} /></Card>
            </Col>
            <Col xs={8} sm={8} md={6} lg={4} xl={3}>
              <Card size="small" className="counter-card"><Statistic title="即将到期" value={count(board.dueSoon)} /></Card>
            </Col>
            <Col xs={8} sm={8} md={6} lg={4} xl={3}>
              <Card size="small" className="counter-card"><Statistic title="逾期传递" value={count(board.transferLate)} styles={{ content: { color: count(board.transferLate) ? '#cf1322' : undefined } }} /></Card>
            </Col>
          </>
        )}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={17}>
          <Card size="small" loading={!buckets}>
            <Tabs
              activeKey={active}
              onChange={setActive}
              items={(buckets ?? []).map((b) => ({ key: b.key, label: `${b.title} (${b.items.length})` }))}
            />
            {current && <ComplaintTable items={current.items} org={org} compact />}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title="通知" id="inbox">
            <NotificationInbox />
          </Card>
        </Col>
      </Row>
    </>
  );
}
