/**
 * The notification inbox (GET /api/notifications, POST /api/notifications/:id/read).
 * While the notifications API is not deployed the inbox is simply empty.
 */
import { List, Typography, Button, Empty, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { fmtTime } from '../labels';

export interface Notice {
  id: string;
  title?: string;
  body?: string;
  message?: string;
  kind?: string;
  complaintId?: string | null;
  createdAt?: string;
  readAt?: string | null;
  read?: boolean;
}

const isRead = (n: Notice) => n.read === true || !!n.readAt;

/** Chinese label and tag colour of each notification kind the server sends (deadline monitor, monthly report and retention jobs). */
export const NOTICE_KINDS: Record<string, { label: string; color: string }> = {
  due_today: { label: '今日到期', color: 'orange' },
  due_tomorrow: { label: '即将到期', color: 'gold' },
  overdue: { label: '已逾期', color: 'red' },
  transfer_late: { label: '逾期传递', color: 'volcano' },
  monthly_report_due: { label: '月报待报送', color: 'blue' },
  monthly_report_overdue: { label: '月报逾期', color: 'red' },
  retention_due: { label: '保管期满', color: 'purple' },
  verification_discrepancy: { label: '回访待核查', color: 'magenta' },
};

/** Where a notification leads: its complaint, or the page where the reminder is dealt with. */
export function noticeLink(n: Notice): string | null {
  if (n.complaintId) return `/complaints/${n.complaintId}`;
  if (n.kind?.startsWith('monthly_report')) return '/reports';
  if (n.kind === 'retention_due') return '/retention';
  return null;
}

function NoticeTitle({ n }: { n: Notice }) {
  const kind = n.kind ? NOTICE_KINDS[n.kind] : undefined;
  const text = n.title ?? kind?.label ?? '通知';
  const to = noticeLink(n);
  return (
    <Space size={6} wrap>
      {kind && <Tag color={kind.color} data-testid="notice-kind">{kind.label}</Tag>}
      <Typography.Text strong={!isRead(n)}>{to ? <Link to={to}>{text}</Link> : text}</Typography.Text>
    </Space>
  );
}

export function useNotifications() {
  const [items, setItems] = useState<Notice[]>([]);
  const [available, setAvailable] = useState(true);
  const load = useCallback(() => {
    api<{ items: Notice[] } | Notice[]>('/api/notifications')
      .then((r) => setItems(Array.isArray(r) ? r : (r.items ?? [])))
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setAvailable(false);
      });
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 60_000);
    return () => clearInterval(t);
  }, [load]);
  const markRead = useCallback(
    async (id: string) => {
      await api(`/api/notifications/${id}/read`, { method: 'POST' }).catch(() => {});
      load();
    },
    [load],
  );
  return { items, available, unread: items.filter((n) => !isRead(n)).length, markRead, reload: load };
}

/** The inbox list shown on the workbench. */
export function NotificationInbox() {
  const { items, available, markRead } = useNotifications();
  if (!available) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="通知服务尚未启用" />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知。期限临近、逾期或月报待报送时，系统会在这里提醒您" />;
  return (
    <List
      size="small"
      dataSource={items.slice(0, 30)}
      renderItem={(n) => (
        <List.Item>
          <List.Item.Meta
            title={<NoticeTitle n={n} />}
            description={
              <>
                <div>{n.body ?? n.message}</div>
                <Space size={8} className="muted" style={{ fontSize: 12 }}>
                  {fmtTime(n.createdAt)}
                  {!isRead(n) && <Button size="small" type="link" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => markRead(n.id)}>标为已读</Button>}
                </Space>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
