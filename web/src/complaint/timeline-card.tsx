/** Every step of the complaint from the audit trail: action, actor, time and the reason or comment given. */
import { Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { STATUS_LABELS, fmtTime, historyLabel, type Status } from '../labels';
import type { HistoryItem } from '../types';

function note(d: Record<string, unknown>): string | null {
  for (const k of ['comment', 'reason', 'opinion', 'note']) if (typeof d[k] === 'string' && d[k]) return d[k] as string;
  if (d.late === true) return '逾期传递（非受理当日）';
  return null;
}

export function TimelineCard({ complaintId, version }: { complaintId: string; version: number }) {
  const [items, setItems] = useState<HistoryItem[]>([]);
  useEffect(() => {
    api<{ items: HistoryItem[] }>(`/api/complaints/${complaintId}/history`)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [complaintId, version]);
  return (
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
  );
}
