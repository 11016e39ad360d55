/**
 * The notification inbox (GET /api/notifications, POST /api/notifications/:id/read).
 * While the notifications API is not deployed the inbox is simply empty.
 */
import { List, Typography, Button, Empty } from 'antd';
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
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />;
  return (
    <List
      size="small"
      dataSource={items.slice(0, 30)}
      renderItem={(n) => (
        <List.Item
          actions={isRead(n) ? [] : [<Button key="r" size="small" type="link" onClick={() => markRead(n.id)}>标为已读</Button>]}
        >
          <List.Item.Meta
            title={
              <Typography.Text strong={!isRead(n)}>
                {n.complaintId ? <Link to={`/complaints/${n.complaintId}`}>{n.title ?? n.kind ?? '通知'}</Link> : (n.title ?? n.kind ?? '通知')}
              </Typography.Text>
            }
            description={
              <>
                <div>{n.body ?? n.message}</div>
                <div className="muted" style={{ fontSize: 12 }}>{fmtTime(n.createdAt)}</div>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
