/**
 * 保管与销毁 (HQ): archive batches past their retention period, destruction
 * requests (raised by HQ, approved and executed by an HQ head who is not the
 * requester), and the destruction log. A legal hold on the batch or on any
 * complaint in it blocks destruction; the server's 409 names the held
 * complaints (details.numbers) and they are shown here.
 */
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { fmtTime, MEDIUM_LABELS } from '../labels';
import { useOrg } from '../org';
import NotFoundPage from '../pages/not-found-page';
import type { DestructionLogEntry, DestructionRequest, DueBatch } from './records-types';

const REQUEST_STATUS: Record<string, [string, string]> = { pending: ['待审批', 'orange'], executed: ['已销毁', 'default'] };

export default function RetentionPage() {
  const user = useUser();
  const org = useOrg();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [due, setDue] = useState<{ today: string; items: DueBatch[] } | null>(null);
  const [requests, setRequests] = useState<DestructionRequest[] | null>(null);
  const [log, setLog] = useState<DestructionLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<DueBatch | null>(null);
  const [blocked, setBlocked] = useState<{ message: string; numbers: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const canRequest = hasRole(user, 'hq_head', 'complaint_manager', 'admin');
  const canApprove = hasRole(user, 'hq_head');

  const load = useCallback(() => {
    const fail = (e: unknown) => setError((e as Error).message);
    api<{ today: string; items: DueBatch[] }>('/api/retention/due').then(setDue).catch(fail);
    api<{ items: DestructionRequest[] }>('/api/destruction-requests').then((r) => setRequests(r.items)).catch(fail);
    api<{ items: DestructionLogEntry[] }>('/api/destruction-log').then((r) => setLog(r.items)).catch(fail);
  }, []);
  useEffect(() => {
    if (user.unitKind === 'hq') load();
  }, [load, user.unitKind]);

  if (user.unitKind !== 'hq') return <NotFoundPage title="仅限总部" subTitle="保管期限与销毁由经纪业务总部管理。" />;

  const request = async ({ reason }: { reason: string }) => {
    if (!target) return;
    setBusy(true);
    setBlocked(null);
    try {
      await api('/api/destruction-requests', { method: 'POST', body: { batchId: target.id, reason } });
      message.success(`已提出 ${target.number} 的销毁申请，待经纪业务总部负责人（非申请人）审批`);
      setTarget(null);
      load();
    } catch (e) {
      const numbers = e instanceof ApiError && Array.isArray(e.details?.numbers) ? (e.details.numbers as string[]) : [];
      setBlocked({ message: (e as Error).message, numbers });
    } finally {
      setBusy(false);
    }
  };

  const approve = async (r: DestructionRequest) => {
    try {
      const res = await api<{ complaintsDestroyed: number; filesDeleted: number }>(`/api/destruction-requests/${r.id}/approve`, { method: 'POST' });
      message.success(`${r.batchNumber} 已销毁：${res.complaintsDestroyed} 件投诉的个人信息和 ${res.filesDeleted} 个附件已删除，保留销毁记录`);
      load();
    } catch (e) {
      const numbers = e instanceof ApiError && Array.isArray(e.details?.numbers) ? (e.details.numbers as string[]) : [];
      modal.error({ title: '不能销毁', content: <>{(e as Error).message}{numbers.length > 0 && <div style={{ marginTop: 8 }}>冻结的投诉：{numbers.join('、')}</div>}</> });
    }
  };

  return (
    <>
      <div className="page-title"><h2>保管与销毁</h2></div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          {
            key: 'due',
            label: `保管期满${due ? `（${due.items.length}）` : ''}`,
            children: (
              <Card size="small" title={due ? `截至 ${due.today} 保管期已满、尚未销毁的归档批次` : '保管期已满的归档批次'}>
                <Table<DueBatch>
                  size="small"
                  rowKey="id"
                  loading={!due && !error}
                  dataSource={due?.items ?? []}
                  pagination={false}
                  scroll={{ x: 900 }}
                  data-testid="retention-due"
                  locale={{ emptyText: '没有保管期已满的批次' }}
                  columns={[
                    { title: '批次号', dataIndex: 'number', width: 160, render: (n: string, b) => <Link to={`/archive/${b.id}`}>{n}</Link> },
                    { title: '受理单位', dataIndex: 'unitName', width: 160 },
                    { title: '月份', dataIndex: 'month', width: 90 },
                    { title: '件数', dataIndex: 'complaintCount', width: 60 },
                    { title: '介质', dataIndex: 'medium', width: 70, render: (m: string) => MEDIUM_LABELS[m] ?? m },
                    { title: '保管至', dataIndex: 'retainUntil', width: 100 },
                    {
                      title: '冻结',
                      key: 'hold',
                      render: (_, b) =>
                        b.legalHold || b.heldComplaints.length ? (
                          <Space size={4} wrap>
                            {b.legalHold && <Tag color="red">批次冻结：{b.legalHoldReason}</Tag>}
                            {b.heldComplaints.map((n) => <Tag color="red" key={n}>{n}</Tag>)}
                          </Space>
                        ) : (
                          <span className="muted">无</span>
                        ),
                    },
                    {
                      title: '操作',
                      key: 'op',
                      width: 120,
                      render: (_, b) =>
                        b.pendingRequestId ? (
                          <Tag color="orange">待审批</Tag>
                        ) : (
                          canRequest && (
                            <Button
                              size="small"
                              danger
                              data-testid="request-destruction"
                              onClick={() => {
                                form.resetFields();
                                setBlocked(null);
                                setTarget(b);
                              }}
                            >
                              申请销毁
                            </Button>
                          )
                        ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'requests',
            label: '销毁申请',
            children: (
              <Table<DestructionRequest>
                size="small"
                rowKey="id"
                loading={!requests && !error}
                dataSource={requests ?? []}
                scroll={{ x: 860 }}
                data-testid="destruction-requests"
                columns={[
                  { title: '批次号', dataIndex: 'batchNumber', width: 160, render: (n: string, r) => <Link to={`/archive/${r.batchId}`}>{n}</Link> },
                  { title: '理由', dataIndex: 'reason', ellipsis: true },
                  { title: '申请人', dataIndex: 'requestedBy', width: 150, render: (id: string) => org.userName(id) },
                  { title: '申请时间', dataIndex: 'requestedAt', width: 140, render: fmtTime },
                  { title: '审批人', dataIndex: 'approvedBy', width: 150, render: (id: string | null) => (id ? org.userName(id) : '—') },
                  { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => { const [l, c] = REQUEST_STATUS[s] ?? [s, 'default']; return <Tag color={c}>{l}</Tag>; } },
                  {
                    title: '操作',
                    key: 'op',
                    width: 110,
                    render: (_, r) =>
                      r.status === 'pending' && canApprove && r.requestedBy !== user.id ? (
                        <Popconfirm title={`批准并执行销毁 ${r.batchNumber}？`} description="个人信息和附件将被删除，仅保留编号、日期、单位、责任认定。" okText="批准销毁" okButtonProps={{ danger: true }} onConfirm={() => approve(r)}>
                          <Button size="small" type="primary" danger data-testid="approve-destruction">批准销毁</Button>
                        </Popconfirm>
                      ) : r.status === 'pending' && r.requestedBy === user.id ? (
                        <span className="muted">待他人审批</span>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'log',
            label: '销毁记录',
            children: (
              <Table<DestructionLogEntry>
                size="small"
                rowKey="id"
                loading={!log && !error}
                dataSource={log ?? []}
                scroll={{ x: 640 }}
                columns={[
                  { title: '投诉编号', dataIndex: 'complaintNumber', width: 160 },
                  { title: '销毁时间', dataIndex: 'destroyedAt', width: 150, render: fmtTime },
                  { title: '执行人', dataIndex: 'destroyedBy', width: 160, render: (id: string) => org.userName(id) },
                  { title: '删除附件数', dataIndex: 'attachmentsErased', width: 100 },
                  { title: '批次', dataIndex: 'batchId', render: (id: string) => <Link to={`/archive/${id}`}>查看批次</Link> },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal open={!!target} title={`申请销毁 ${target?.number ?? ''}`} onCancel={() => setTarget(null)} onOk={() => form.submit()} okText="提交申请" okButtonProps={{ loading: busy, danger: true, 'data-testid': 'destruction-ok' } as any} destroyOnHidden>
        {blocked && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="destruction-blocked" title={blocked.message} description={blocked.numbers.length > 0 ? `诉讼保全冻结的投诉：${blocked.numbers.join('、')}。请先由法律部门解除冻结。` : undefined} />
        )}
        <Form form={form} layout="vertical" onFinish={request}>
          <Form.Item label="销毁理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写销毁理由' }, { max: 1000 }]} initialValue="保管期满，按规定销毁">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
