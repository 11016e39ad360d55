/**
 * One archive batch: its record, the sealed complaints, the disc package
 * (package.zip: record forms as PDF, the register, attachments and a SHA-256
 * manifest), and the legal hold on the whole batch.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { StatusTag } from '../components/complaint-table';
import { CATEGORY_LABELS, fmtTime, MEDIUM_LABELS, type Category } from '../labels';
import { useOrg } from '../org';
import NotFoundPage from '../pages/not-found-page';
import type { ComplaintSummary } from '../types';
import { BatchState } from './archive-page';
import { canHold, LegalHoldButton } from './legal-hold';
import type { ArchiveBatch } from './records-types';

type BatchComplaint = ComplaintSummary & { legalHold: boolean; closedAt: string | null };
type BatchDetail = ArchiveBatch & { complaints: BatchComplaint[] };

export default function ArchiveBatchPage() {
  const { id } = useParams<{ id: string }>();
  const user = useUser();
  const org = useOrg();
  const [b, setB] = useState<BatchDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    api<BatchDetail>(`/api/archive-batches/${id}`)
      .then(setB)
      .catch((e) => setError(e as ApiError));
  }, [id]);
  useEffect(load, [load]);

  if (error?.status === 404) return <NotFoundPage title="归档批次不存在" subTitle="该批次不存在，或不在您的数据权限范围内。" />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!b) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

  return (
    <>
      <div className="page-title">
        <Space wrap>
          <h2 data-testid="batch-number">{b.number}</h2>
          <BatchState b={b} />
        </Space>
        <Space wrap>
          {!b.destroyedAt && <Button type="primary" icon={<DownloadOutlined />} href={`/api/archive-batches/${b.id}/package.zip`} data-testid="package-zip">下载归档包（ZIP）</Button>}
          {!b.destroyedAt && canHold(user) && <LegalHoldButton path={`/api/archive-batches/${b.id}/legal-hold`} held={b.legalHold} what="该批次" onDone={load} />}
        </Space>
      </div>
      {b.legalHold && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`诉讼保全冻结中：${b.legalHoldReason ?? ''}`} description="冻结期间该批次不能销毁。" />}
      <Card size="small" title="批次信息" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
          <Descriptions.Item label="受理单位">{b.unitName}</Descriptions.Item>
          <Descriptions.Item label="归档月份">{b.month}</Descriptions.Item>
          <Descriptions.Item label="投诉件数">{b.complaintCount}</Descriptions.Item>
          <Descriptions.Item label="存档介质">{MEDIUM_LABELS[b.medium] ?? b.medium}</Descriptions.Item>
          <Descriptions.Item label="存放地点">{b.location}</Descriptions.Item>
          <Descriptions.Item label="封存">{fmtTime(b.sealedAt)}（{org.userName(b.sealedBy)}）</Descriptions.Item>
          <Descriptions.Item label="保管期限">{b.retentionYears} 年，至 {b.retainUntil}</Descriptions.Item>
          {b.destroyedAt && <Descriptions.Item label="销毁时间">{fmtTime(b.destroyedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title="批次内投诉">
        <Table<BatchComplaint>
          size="small"
          rowKey="id"
          dataSource={b.complaints}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="batch-complaints"
          columns={[
            { title: '编号', dataIndex: 'number', width: 150, render: (n: string, c) => <Link to={`/complaints/${c.id}`}>{n}</Link> },
            { title: '受理日期', dataIndex: 'acceptedOn', width: 100 },
            { title: '办结时间', dataIndex: 'closedAt', width: 140, render: fmtTime },
            { title: '类别', dataIndex: 'category', width: 90, render: (c: string) => CATEGORY_LABELS[c as Category] ?? c },
            { title: '投诉事由', dataIndex: 'reason', ellipsis: true },
            { title: '状态', key: 's', width: 170, render: (_, c) => <Space size={4}><StatusTag status={c.status} />{c.legalHold && <Tag color="red">冻结</Tag>}</Space> },
          ]}
        />
      </Card>
    </>
  );
}
