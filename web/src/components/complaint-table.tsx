/** The complaint table shared by the workbench and the list: number links to the record form, overdue deadlines in red. */
import { Table, Tag, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_COLORS, STATUS_LABELS, type Category, type Channel } from '../labels';
import type { Org } from '../org';
import type { ComplaintSummary } from '../types';

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{(STATUS_LABELS as Record<string, string>)[status] ?? status}</Tag>;
}

function Due({ date, late, provisional }: { date: string; late: boolean; provisional: boolean }) {
  const body = <span className={late ? 'overdue' : undefined}>{date}{late ? ' 已超期' : ''}{provisional ? ' *' : ''}</span>;
  return provisional ? <Tooltip title="该年度官方节假日安排尚未加载，期限为暂定">{body}</Tooltip> : body;
}

export interface ComplaintTableProps {
  items: ComplaintSummary[];
  org: Org;
  loading?: boolean;
  total?: number;
  page?: number;
  pageSize?: number;
  onChange?: TableProps<ComplaintSummary>['onChange'];
  sortable?: boolean;
  compact?: boolean;
}

export function ComplaintTable({ items, org, loading, total, page, pageSize, onChange, sortable, compact }: ComplaintTableProps) {
  const sorter = sortable ? true : undefined;
  const columns: TableProps<ComplaintSummary>['columns'] = [
    {
      title: '编号',
      dataIndex: 'number',
      key: 'number',
      sorter,
      width: 140,
      fixed: compact ? undefined : 'left',
      render: (v: string, r) => (
        <Link to={`/complaints/${r.id}`}>
          {v}
          {r.malicious && <Tag color="red" style={{ marginLeft: 4 }}>恶意</Tag>}
          {(r.repeat || r.repeatOfId) && <Tag color="volcano" style={{ marginLeft: 4 }} data-testid="repeat-tag">重复投诉</Tag>}
        </Link>
      ),
    },
    { title: '客户', dataIndex: 'customerName', key: 'customerName', width: 80, ellipsis: true },
    { title: '投诉事由', dataIndex: 'reason', key: 'reason', ellipsis: true },
    { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    ...(compact
      ? []
      : [
          {
            title: '渠道 · 类别',
            key: 'channel',
            width: 130,
            render: (_: unknown, r: ComplaintSummary) => `${CHANNEL_LABELS[r.channel as Channel] ?? r.channel} · ${CATEGORY_LABELS[r.category as Category] ?? r.category}`,
          },
          { title: '办理单位', dataIndex: 'handlingUnitId', key: 'handlingUnitId', width: 150, ellipsis: true, render: (u: string) => org.unitName(u) },
          { title: '受理日', dataIndex: 'acceptedOn', key: 'accepted_on', width: 110, sorter },
        ]),
    {
      title: '调查期限',
      dataIndex: 'investigationDueOn',
      key: 'investigation_due_on',
      width: 115,
      sorter,
      render: (d: string, r) => <Due date={d} late={r.overdue.includes('investigation')} provisional={r.deadlinesProvisional} />,
    },
    {
      title: '反馈期限',
      dataIndex: 'feedbackDueOn',
      key: 'feedback_due_on',
      width: 115,
      sorter,
      render: (d: string, r) => <Due date={d} late={r.overdue.includes('feedback')} provisional={r.deadlinesProvisional} />,
    },
  ];
  return (
    <Table<ComplaintSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: compact ? 720 : 1100 }}
      onChange={onChange}
      rowClassName={(r) => (r.overdue.length > 0 ? 'row-overdue' : '')}
      pagination={total !== undefined ? { total, current: page, pageSize, showSizeChanger: true, showTotal: (t) => `共 ${t} 件` } : { pageSize: 10, hideOnSinglePage: true }}
    />
  );
}
