/**
 * 归档 (Ch. 6 (1)): the monthly archive batches per accepting unit, and
 * sealing a new one (unit, month, medium, storage location). Branch staff see
 * and seal their own unit's batches; HQ sees every unit.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { fmtTime, MEDIUM_LABELS } from '../labels';
import { useOrg } from '../org';
import type { ArchiveBatch } from './records-types';

interface SealValues {
  unitId: string;
  month: Dayjs;
  medium: string;
  location: string;
}

/** Tags for a batch's state: held, destroyed, retention due. */
export function BatchState({ b }: { b: ArchiveBatch }) {
  return (
    <Space size={4} wrap>
      {b.destroyedAt ? <Tag>已销毁</Tag> : b.retentionDue ? <Tag color="orange">保管期满</Tag> : <Tag color="green">保管中</Tag>}
      {b.legalHold && <Tag color="red">诉讼保全冻结</Tag>}
    </Space>
  );
}

export default function ArchivePage() {
  const user = useUser();
  const org = useOrg();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<SealValues>();
  const [items, setItems] = useState<ArchiveBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sealError, setSealError] = useState<string | null>(null);
  const isHq = user.unitKind === 'hq';
  const canSeal = hasRole(user, 'complaint_manager', 'branch_head', 'hq_head');

  const load = useCallback(() => {
    api<{ items: ArchiveBatch[] }>('/api/archive-batches', { query: { unitId: unitFilter } })
      .then((r) => setItems(r.items))
      .catch((e) => setError((e as Error).message));
  }, [unitFilter]);
  useEffect(load, [load]);

  const seal = async (v: SealValues) => {
    setBusy(true);
    setSealError(null);
    try {
      const b = await api<ArchiveBatch>('/api/archive-batches', { method: 'POST', body: { unitId: v.unitId, month: v.month.format('YYYY-MM'), medium: v.medium, location: v.location } });
      message.success(`已封存归档批次 ${b.number}（${b.complaintCount} 件）`);
      setOpen(false);
      load();
    } catch (e) {
      if (e instanceof ApiError && e.field && ['unitId', 'month', 'medium', 'location'].includes(e.field)) form.setFields([{ name: e.field as any, errors: [e.message] }]);
      else setSealError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const units = org.units.filter((u) => u.kind !== 'department');
  return (
    <>
      <div className="page-title">
        <h2>归档</h2>
        <Space wrap>
          {isHq && <Select allowClear placeholder="全部单位" style={{ width: 200 }} value={unitFilter} onChange={setUnitFilter} options={units.map((u) => ({ value: u.id, label: u.name }))} />}
          {canSeal && (
            <Button
              type="primary"
              icon={<InboxOutlined />}
              data-testid="seal-open"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ unitId: isHq ? undefined : user.unitId, month: dayjs().subtract(1, 'month'), medium: 'disc' });
                setSealError(null);
                setOpen(true);
              }}
            >
              封存归档批次
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="每月按受理单位归档：该月及以前办结、尚未归档的投诉封存入批次，封存后不可更改；当月未办结的投诉并入其办结月份的批次。" />
      <Table<ArchiveBatch>
        size="small"
        rowKey="id"
        loading={!items && !error}
        dataSource={items ?? []}
        scroll={{ x: 900 }}
        data-testid="archive-batches"
        locale={{ emptyText: '暂无归档批次' }}
        onRow={(b) => ({ onClick: () => nav(`/archive/${b.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '批次号', dataIndex: 'number', width: 160, render: (n: string, b) => <Link to={`/archive/${b.id}`} onClick={(e) => e.stopPropagation()}>{n}</Link> },
          { title: '受理单位', dataIndex: 'unitName', width: 170 },
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '件数', dataIndex: 'complaintCount', width: 60 },
          { title: '介质', dataIndex: 'medium', width: 70, render: (m: string) => MEDIUM_LABELS[m] ?? m },
          { title: '存放地点', dataIndex: 'location', ellipsis: true },
          { title: '封存时间', dataIndex: 'sealedAt', width: 140, render: fmtTime },
          { title: '保管至', dataIndex: 'retainUntil', width: 100 },
          { title: '状态', key: 's', width: 170, render: (_, b) => <BatchState b={b} /> },
        ]}
      />
      <Modal open={open} title="封存归档批次" onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="封存" okButtonProps={{ loading: busy, 'data-testid': 'seal-ok' } as any} destroyOnHidden>
        {sealError && <Alert type="error" showIcon title={sealError} style={{ marginBottom: 12 }} data-testid="seal-error" />}
        <Form form={form} layout="vertical" onFinish={seal}>
          <Form.Item label="受理单位" name="unitId" rules={[{ required: true, message: '请选择受理单位' }]}>
            <Select disabled={!isHq} options={(isHq ? units : units.filter((u) => u.id === user.unitId)).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item label="归档月份" name="month" rules={[{ required: true, message: '请选择月份' }]} extra="该月结束后才能归档">
            <DatePicker picker="month" allowClear={false} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().subtract(1, 'month'), 'month')} />
          </Form.Item>
          <Form.Item label="存档介质" name="medium" rules={[{ required: true, message: '请选择存档介质' }]}>
            <Select options={Object.entries(MEDIUM_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="存放地点" name="location" rules={[{ required: true, whitespace: true, message: '请填写存放地点' }, { max: 200 }]}>
            <Input placeholder="例如：营业部档案室 2 号柜" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
