/**
 * 报表: monthly reports to HQ (Ch. 6: within the first three trading days),
 * with submit and download; HQ also sees the branches × months grid. The
 * quarterly analysis has its own page (/reports/quarterly).
 */
import { Alert, App, Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { fmtTime, TIMELINESS_LABELS as TIMELINESS } from '../labels';
import { MonthlyReportGrid } from '../records/monthly-grid';
import { quarterOf } from '../records/records-types';

interface MonthlyReport {
  branchId: string;
  branchCode: string;
  branchName: string;
  month: string;
  dueOn: string;
  provisional: boolean;
  status: 'missing' | 'draft' | 'submitted';
  timeliness: string;
  submittedAt: string | null;
  onTime: boolean | null;
  late: boolean;
  complaintCount: number;
  emailedTo: string | null;
}


export default function ReportsPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [items, setItems] = useState<MonthlyReport[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);

  const load = useCallback(() => {
    api<{ items: MonthlyReport[] }>('/api/monthly-reports', { query: { month: month.format('YYYY-MM') } })
      .then((r) => setItems(r.items))
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setUnavailable(true);
        else message.error((e as Error).message);
      });
  }, [month, message]);
  useEffect(load, [load]);

  const submit = async (r: MonthlyReport) => {
    try {
      await api(`/api/monthly-reports/${r.branchId}/${r.month}/submit`, { method: 'POST' });
      message.success(`${r.branchName} ${r.month} 月报已报送`);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const q = quarterOf(dayjs());
  return (
    <>
      <div className="page-title"><h2>报表</h2></div>
      {user.unitKind === 'hq' && <MonthlyReportGrid />}
      <Card size="small" title="月报" style={{ marginBottom: 12 }} extra={<DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} aria-label="月份" />}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>营业部于每月前三个交易日内向经纪业务总部报送上月的投诉记录表。</Typography.Paragraph>
        {unavailable ? (
          <Alert type="info" showIcon title="月报服务尚未启用" />
        ) : (
          <Table<MonthlyReport>
            size="small"
            rowKey="branchId"
            loading={!items}
            dataSource={items ?? []}
            pagination={false}
            scroll={{ x: 760 }}
            columns={[
              { title: '营业部', dataIndex: 'branchName', width: 200 },
              { title: '投诉件数', dataIndex: 'complaintCount', width: 90 },
              { title: '报送截止', key: 'due', width: 130, render: (_, r) => <>{r.dueOn}{r.provisional ? <Tag style={{ marginLeft: 4 }}>暂定</Tag> : null}</> },
              { title: '状态', key: 't', width: 110, render: (_, r) => { const [l, c] = TIMELINESS[r.timeliness] ?? [r.timeliness, 'default']; return <Tag color={c}>{l}</Tag>; } },
              { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: fmtTime },
              {
                title: '操作',
                key: 'op',
                width: 220,
                render: (_, r) => (
                  <Space size={4}>
                    <Button size="small" href={`/api/monthly-reports/${r.branchId}/${r.month}.xlsx`}>XLSX</Button>
                    <Button size="small" href={`/api/monthly-reports/${r.branchId}/${r.month}.pdf`} target="_blank">PDF</Button>
                    {r.status !== 'submitted' && hasRole(user, 'complaint_manager', 'branch_head') && user.unitId === r.branchId && (
                      <Button size="small" type="primary" onClick={() => submit(r)}>报送总部</Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title="季度分析">
        <Typography.Paragraph>按类别、业务环节、渠道、责任认定、营业部及涉及人员统计，期限达标、满意度与重复投诉，环比与同比；超过阈值的业务环节和人员须制定改进措施。</Typography.Paragraph>
        <Link to={`/reports/quarterly?quarter=${q}`}><Button type="primary">查看 {q} 季度分析</Button></Link>
      </Card>
    </>
  );
}
