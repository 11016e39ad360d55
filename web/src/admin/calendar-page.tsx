/**
 * 工作日历: which days count (working days with 调休, trading days), loading a
 * year's official schedule, single-day overrides and the version history.
 */
import { Alert, App, Badge, Button, Calendar, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { fmtTime } from '../labels';

interface Day {
  date: string;
  workingDay: boolean;
  tradingDay: boolean;
  holidayName?: string;
  provisional?: boolean;
}
interface Status {
  today: string;
  officialYears: number[];
  provisionalYears: number[];
  warning?: string;
}
interface Override {
  date: string;
  kind: string;
  name: string | null;
}
interface Version {
  version: number;
  at: string;
  actorName: string | null;
  action: string;
  reason: string;
  recomputed: number;
}

const KINDS: Record<string, string> = {
  holiday: '放假',
  makeup_workday: '调休上班',
  working_day: '改为工作日',
  exchange_closed: '交易所休市',
  exchange_open: '交易所开市',
};

export default function CalendarPage() {
  const { message, modal } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [days, setDays] = useState<Map<string, Day>>(new Map());
  const [status, setStatus] = useState<Status | null>(null);
  const [overrides, setOverrides] = useState<Override[]>([]);
  const [history, setHistory] = useState<Version[]>([]);
  const [unavailable, setUnavailable] = useState(false);
  const [loadOpen, setLoadOpen] = useState(false);
  const [yearForm] = Form.useForm();
  const [ovForm] = Form.useForm();

  const loadMeta = useCallback(() => {
    api<Status>('/api/calendar/status').then(setStatus).catch((e) => e instanceof ApiError && e.status === 404 && setUnavailable(true));
    api<{ items: Override[] }>('/api/calendar/overrides').then((r) => setOverrides(r.items)).catch(() => {});
    api<{ items: Version[] }>('/api/calendar/history').then((r) => setHistory(r.items)).catch(() => {});
  }, []);
  useEffect(loadMeta, [loadMeta]);

  useEffect(() => {
    const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
    const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
    api<{ items: Day[] }>('/api/calendar/days', { query: { from, to } })
      .then((r) => setDays(new Map(r.items.map((d) => [d.date, d]))))
      .catch(() => {});
  }, [month, history.length]);

  const loadYear = async () => {
    const v = await yearForm.validateFields();
    try {
      const r = await api<{ entries: number; recomputed?: number }>(`/api/calendar/years/${v.year.year()}`, { method: 'POST', body: { text: v.text, format: v.text.trim().startsWith('BEGIN:') ? 'ics' : 'json', reason: v.reason } });
      message.success(`已导入 ${v.year.year()} 年安排（${r.entries} 条）`);
      setLoadOpen(false);
      loadMeta();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const addOverride = async (v: any) => {
    try {
      await api('/api/calendar/overrides', { method: 'POST', body: { date: (v.date as Dayjs).format('YYYY-MM-DD'), kind: v.kind, name: v.name || undefined, reason: v.reason } });
      message.success('已保存单日调整');
      ovForm.resetFields();
      loadMeta();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const removeOverride = (o: Override) => {
    let reason = '';
    modal.confirm({
      title: `删除 ${o.date} 的调整？`,
      content: <Input placeholder="删除原因" onChange={(e) => (reason = e.target.value)} />,
      okText: '删除',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api(`/api/calendar/overrides/${o.date}`, { method: 'DELETE', query: { reason } });
          loadMeta();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  if (unavailable) return <Alert type="info" showIcon title="日历服务尚未启用" />;
  return (
    <>
      <div className="page-title">
        <h2>工作日历</h2>
        <Button type="primary" onClick={() => setLoadOpen(true)}>导入年度放假安排</Button>
      </div>
      {status?.warning && <Alert type="warning" showIcon title={status.warning} style={{ marginBottom: 12 }} />}
      {status && (
        <Typography.Paragraph type="secondary">
          已加载官方安排：{status.officialYears.length ? `${Math.min(...status.officialYears)}–${Math.max(...status.officialYears)} 年` : '无'}
          {status.provisionalYears.length > 0 && `；暂定年度：${status.provisionalYears.join('、')}`}
        </Typography.Paragraph>
      )}
      <Tabs
        items={[
          {
            key: 'month',
            label: '日历',
            children: (
              <Card size="small">
                <Calendar
                  value={month}
                  onPanelChange={(d) => setMonth(d)}
                  onSelect={(d) => setMonth(d)}
                  fullCellRender={(d) => {
                    const info = days.get(d.format('YYYY-MM-DD'));
                    const inMonth = d.month() === month.month();
                    return (
                      <div style={{ padding: 4, minHeight: 56, opacity: inMonth ? 1 : 0.35, borderTop: '2px solid #f0f0f0', margin: '0 2px', background: info && !info.workingDay ? '#fff1f0' : undefined }}>
                        <div style={{ textAlign: 'right' }}>{d.date()}</div>
                        {info && (
                          <div style={{ fontSize: 11, lineHeight: 1.4 }}>
                            {info.holidayName && <div style={{ color: '#cf1322' }}>{info.holidayName}</div>}
                            {info.workingDay && [0, 6].includes(d.day()) && <Badge color="orange" text="调休上班" />}
                            {info.workingDay && !info.tradingDay && <div className="muted">不开市</div>}
                          </div>
                        )}
                      </div>
                    );
                  }}
                />
              </Card>
            ),
          },
          {
            key: 'overrides',
            label: `单日调整（${overrides.length}）`,
            children: (
              <Card size="small">
                <Form form={ovForm} layout="vertical" onFinish={addOverride}>
                  <Row gutter={8}>
                    <Col xs={12} md={4}><Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
                    <Col xs={12} md={4}><Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
                    <Col xs={24} md={5}><Form.Item name="name" label="名称"><Input placeholder="如：交易所临时休市" /></Form.Item></Col>
                    <Col xs={24} md={8}><Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}><Input /></Form.Item></Col>
                    <Col xs={24} md={3}><Form.Item label=" "><Button htmlType="submit" type="primary" block>添加</Button></Form.Item></Col>
                  </Row>
                </Form>
                <Table
                  size="small"
                  rowKey={(o) => o.date + o.kind}
                  dataSource={overrides}
                  pagination={false}
                  columns={[
                    { title: '日期', dataIndex: 'date' },
                    { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{KINDS[k] ?? k}</Tag> },
                    { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                    { title: '', key: 'op', render: (_, o) => <Button size="small" danger type="link" onClick={() => removeOverride(o)}>删除</Button> },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'history',
            label: '版本历史',
            children: (
              <Card size="small">
                <Table
                  size="small"
                  rowKey="version"
                  dataSource={history}
                  scroll={{ x: 700 }}
                  columns={[
                    { title: '版本', dataIndex: 'version', width: 70 },
                    { title: '时间', dataIndex: 'at', width: 150, render: fmtTime },
                    { title: '操作人', dataIndex: 'actorName', width: 160, render: (n: string | null) => n ?? '系统' },
                    { title: '变更', dataIndex: 'action', width: 140 },
                    { title: '原因', dataIndex: 'reason' },
                    { title: '重算投诉', dataIndex: 'recomputed', width: 90 },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      <Modal open={loadOpen} title="导入年度放假安排" onOk={loadYear} onCancel={() => setLoadOpen(false)} okText="导入" cancelText="取消" width={640} destroyOnHidden>
        <Form form={yearForm} layout="vertical" preserve={false} initialValues={{ year: dayjs().add(1, 'year') }}>
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请选择年份' }]}><DatePicker picker="year" /></Form.Item>
          <Form.Item name="text" label="安排（ICS 文件内容，或 JSON：{year, holidays, makeupWorkdays}）" rules={[{ required: true, message: '请粘贴放假安排' }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} placeholder='{"holidays":[{"date":"2027-01-01","name":"元旦"}],"makeupWorkdays":[...]}' />
          </Form.Item>
          <Form.Item name="reason" label="依据 / 原因" rules={[{ required: true, whitespace: true, message: '请填写依据，如国办发明电〔2026〕X号' }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
