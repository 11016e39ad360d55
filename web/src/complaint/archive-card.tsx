/**
 * 档案 on the complaint page: the archive batch the complaint was sealed into
 * (number, medium, location, retention), the legal-hold state, and for HQ's
 * legal department, head and complaint managers the 法律冻结 toggle.
 */
import { Descriptions, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useUser } from '../auth';
import { fmtTime, MEDIUM_LABELS } from '../labels';
import { canHold, LegalHoldButton } from '../records/legal-hold';
import type { ArchiveBatch } from '../records/records-types';
import type { Complaint } from '../types';

/** Whether the card has anything to show for this user. */
export const showArchiveCard = (c: Complaint, u: ReturnType<typeof useUser>) => !!c.archiveBatchId || c.legalHold || (canHold(u) && c.status !== 'destroyed');

export function ArchiveCard({ c, onChanged }: { c: Complaint; onChanged(): void }) {
  const user = useUser();
  const [batch, setBatch] = useState<ArchiveBatch | null>(null);
  useEffect(() => {
    if (!c.archiveBatchId) return setBatch(null);
    api<ArchiveBatch>(`/api/archive-batches/${c.archiveBatchId}`)
      .then(setBatch)
      .catch(() => setBatch(null));
  }, [c.archiveBatchId]);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="archive-card">
      <Space wrap>
        {c.legalHold ? <Tag color="red" data-testid="legal-hold-state">诉讼保全冻结中</Tag> : <Tag>未冻结</Tag>}
        {canHold(user) && c.status !== 'destroyed' && <LegalHoldButton path={`/api/complaints/${c.id}/legal-hold`} held={c.legalHold} what="该投诉档案" onDone={onChanged} />}
      </Space>
      {c.archiveBatchId && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="归档批次">{batch ? <Link to={`/archive/${batch.id}`}>{batch.number}</Link> : <Link to={`/archive/${c.archiveBatchId}`}>查看</Link>}</Descriptions.Item>
          {batch && (
            <>
              <Descriptions.Item label="封存时间">{fmtTime(batch.sealedAt)}</Descriptions.Item>
              <Descriptions.Item label="介质 / 地点">{MEDIUM_LABELS[batch.medium] ?? batch.medium} / {batch.location}</Descriptions.Item>
              <Descriptions.Item label="保管至">{batch.retainUntil}{batch.legalHold && <Tag color="red" style={{ marginLeft: 6 }}>批次冻结</Tag>}</Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
    </Space>
  );
}
