/**
 * 投诉列表: filters, sort, text search and saved views. The filters live in
 * the URL (so a view can be bookmarked) and named views in localStorage.
 */
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Dropdown, Input, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ComplaintTable } from '../components/complaint-table';
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, STATUSES, STATUS_LABELS } from '../labels';
import { useOrg } from '../org';
import type { ComplaintSummary, Page } from '../types';

const KEYS = ['status', 'unit', 'channel', 'category', 'businessLink', 'overdue', 'mine', 'text', 'acceptedFrom', 'acceptedTo', 'sort', 'order'] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;
const VIEWS_KEY = 'complaint-list-views';

interface SavedView {
  name: string;
  filters: Filters;
}

const readViews = (): SavedView[] => {
  try {
    return JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as SavedView[];
  } catch {
    return [];
  }
};

/** Views every user starts with. */
const BUILT_IN: SavedView[] = [
  { name: '办理中', filters: { status: 'received,investigating,pending_approval,approved,feedback_given,rectifying,verifying' } },
  { name: '我负责的', filters: { mine: 'true' } },
  { name: '我的审批', filters: { status: 'pending_approval' } },
  { name: '待回访', filters: { status: 'verifying' } },
  { name: '已超期', filters: { overdue: 'true' } },
];

export default function ComplaintListPage() {
  const org = useOrg();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters: Filters = useMemo(() => Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)), [params]);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const [data, setData] = useState<Page<ComplaintSummary> | null>(null);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState(filters.text ?? '');
  const [views, setViews] = useState<SavedView[]>(readViews);

  useEffect(() => {
    setLoading(true);
    api<Page<ComplaintSummary>>('/api/complaints', { query: { ...filters, page, pageSize } })
      .then(setData)
      .catch((e) => message.error((e as Error).message))
      .finally(() => setLoading(false));
  }, [filters, page, pageSize, message]);

  const update = (patch: Filters & { page?: string; pageSize?: string }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const applyView = (v: SavedView) => {
    setText(v.filters.text ?? '');
    setParams(new URLSearchParams(Object.entries(v.filters).filter(([, x]) => x) as [string, string][]));
  };

  const saveView = () => {
    let name = '';
    modal.confirm({
      title: '保存当前筛选为视图',
      content: <Input autoFocus placeholder="视图名称" onChange={(e) => (name = e.target.value)} />,
      okText: '保存',
      cancelText: '取消',
      onOk: () => {
        if (!name.trim()) {
          message.warning('请填写视图名称');
          return Promise.reject();
        }
        const next = [...views.filter((v) => v.name !== name.trim()), { name: name.trim(), filters }];
        localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
        setViews(next);
        message.success('视图已保存');
      },
    });
  };

  const removeView = (name: string) => {
    const next = views.filter((v) => v.name !== name);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
  };

  const statusValue = filters.status ? filters.status.split(',') : [];
  return (
    <>
      <div className="page-title">
        <h2>投诉列表</h2>
        <Space wrap>
          {BUILT_IN.map((v) => (
            <Button key={v.name} size="small" onClick={() => applyView(v)}>{v.name}</Button>
          ))}
          <Dropdown
            disabled={views.length === 0}
            menu={{
              items: views.map((v) => ({
                key: v.name,
                label: (
                  <Space>
                    <span onClick={() => applyView(v)}>{v.name}</span>
                    <DeleteOutlined onClick={(e) => { e.stopPropagation(); removeView(v.name); }} aria-label="删除视图" />
                  </Space>
                ),
              })),
            }}
          >
            <Button size="small">我的视图（{views.length}）</Button>
          </Dropdown>
          <Button size="small" icon={<SaveOutlined />} onClick={saveView}>保存视图</Button>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[8, 8]}>
          <Col xs={24} md={8}>
            <Input.Search
              placeholder="编号、客户姓名、事由、经过"
              allowClear
              value={text}
              onChange={(e) => setText(e.target.value)}
              onSearch={(v) => update({ text: v.trim() || undefined })}
              aria-label="搜索"
            />
          </Col>
          <Col xs={24} md={8}>
            <Select mode="multiple" allowClear placeholder="状态" style={{ width: '100%' }} value={statusValue} maxTagCount="responsive"
              onChange={(v: string[]) => update({ status: v.join(',') || undefined })}
              options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          </Col>
          <Col xs={12} md={4}>
            <Select allowClear placeholder="渠道" style={{ width: '100%' }} value={filters.channel} onChange={(v) => update({ channel: v })} options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
          </Col>
          <Col xs={12} md={4}>
            <Select allowClear placeholder="类别" style={{ width: '100%' }} value={filters.category} onChange={(v) => update({ category: v })} options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
          </Col>
          <Col xs={12} md={6}>
            <Select allowClear placeholder="业务环节" style={{ width: '100%' }} value={filters.businessLink} onChange={(v) => update({ businessLink: v })} options={org.links.map((l) => ({ value: l.code, label: l.name }))} />
          </Col>
          <Col xs={12} md={6}>
            <Select allowClear placeholder="单位" style={{ width: '100%' }} value={filters.unit} onChange={(v) => update({ unit: v })} options={org.units.filter((u) => u.kind !== 'department').map((u) => ({ value: u.id, label: u.name }))} />
          </Col>
          <Col xs={24} md={7}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              placeholder={['受理日起', '受理日止']}
              value={filters.acceptedFrom && filters.acceptedTo ? [dayjs(filters.acceptedFrom), dayjs(filters.acceptedTo)] : null}
              onChange={(r) => update({ acceptedFrom: r?.[0]?.format('YYYY-MM-DD'), acceptedTo: r?.[1]?.format('YYYY-MM-DD') })}
            />
          </Col>
          <Col xs={24} md={5}>
            <Space>
              <Checkbox checked={filters.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>仅超期</Checkbox>
              <Checkbox checked={filters.mine === 'true'} onChange={(e) => update({ mine: e.target.checked ? 'true' : undefined })}>我负责的</Checkbox>
              <Button type="link" size="small" onClick={() => { setText(''); setParams(new URLSearchParams()); }}>清除</Button>
            </Space>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <ComplaintTable
          items={data?.items ?? []}
          org={org}
          loading={loading}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          sortable
          onChange={(p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? String(s.columnKey) : undefined;
            update({
              page: String(p.current ?? 1),
              pageSize: String(p.pageSize ?? 20),
              sort: key,
              order: key ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
            });
          }}
        />
      </Card>
    </>
  );
}
