/**
 * 统计分析: complaints by status, category, business link and branch, and
 * deadline compliance month by month, computed from the complaints in the
 * user's data scope (branch staff see their branch, HQ the whole company).
 */
import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { EChart, type ChartOption } from '../components/echart';
import { CATEGORY_LABELS, STATUS_LABELS, type Category, type Status } from '../labels';
import { useOrg } from '../org';
import type { ComplaintSummary, Page } from '../types';

const MAX = 2000;

async function loadAll(): Promise<{ items: ComplaintSummary[]; total: number }> {
  const first = await api<Page<ComplaintSummary>>('/api/complaints', { query: { pageSize: 200, page: 1, sort: 'accepted_on', order: 'desc' } });
  const items = [...first.items];
  for (let p = 2; items.length < Math.min(first.total, MAX); p++) {
    const next = await api<Page<ComplaintSummary>>('/api/complaints', { query: { pageSize: 200, page: p, sort: 'accepted_on', order: 'desc' } });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { items, total: first.total };
}

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

const bar = (pairs: [string, number][], color: string, horizontal = false): ChartOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: horizontal ? 130 : 40, right: 20, top: 20, bottom: horizontal ? 30 : 60 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: pairs.map((p) => p[0]), axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 }, inverse: horizontal },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: pairs.map((p) => p[1]), itemStyle: { color }, barMaxWidth: 28 }],
});

const OPEN: Status[] = ['received', 'investigating', 'pending_approval', 'approved', 'feedback_given', 'rectifying', 'verifying'];

export default function DashboardPage() {
  const org = useOrg();
  const [data, setData] = useState<{ items: ComplaintSummary[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadAll().then(setData).catch((e) => setError((e as Error).message));
  }, []);

  const charts = useMemo(() => {
    if (!data) return null;
    const items = data.items;
    const byStatus = countBy(items, (c) => STATUS_LABELS[c.status as Status] ?? c.status);
    const byCategory = countBy(items, (c) => CATEGORY_LABELS[c.category as Category] ?? c.category);
    const byLink = countBy(items, (c) => org.linkName(c.businessLink));
    const byBranch = countBy(items, (c) => org.unitName(c.acceptingUnitId));
    const months = [...new Set(items.map((c) => c.acceptedOn.slice(0, 7)))].sort().slice(-12);
    const perMonth = months.map((m) => {
      const inMonth = items.filter((c) => c.acceptedOn.startsWith(m));
      const late = inMonth.filter((c) => c.overdue.length > 0).length;
      return { m, total: inMonth.length, rate: inMonth.length ? Math.round(((inMonth.length - late) / inMonth.length) * 1000) / 10 : 100 };
    });
    return {
      open: items.filter((c) => OPEN.includes(c.status)).length,
      overdue: items.filter((c) => c.overdue.length > 0).length,
      status: { tooltip: { trigger: 'item' }, legend: { bottom: 0, type: 'scroll' }, series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data: byStatus.map(([name, value]) => ({ name, value })) }] } as ChartOption,
      category: bar(byCategory, '#1d4ed8'),
      link: bar(byLink, '#0891b2', true),
      branch: bar(byBranch, '#7c3aed', true),
      compliance: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 50, top: 20, bottom: 50 },
        xAxis: { type: 'category', data: perMonth.map((p) => p.m) },
        yAxis: [{ type: 'value', name: '件', minInterval: 1 }, { type: 'value', name: '%', min: 0, max: 100 }],
        series: [
          { name: '受理量', type: 'bar', data: perMonth.map((p) => p.total), itemStyle: { color: '#93c5fd' }, barMaxWidth: 28 },
          { name: '期限合规率', type: 'line', yAxisIndex: 1, data: perMonth.map((p) => p.rate), itemStyle: { color: '#16a34a' }, symbolSize: 8, label: { show: true, formatter: '{c}%' } },
        ],
      } as ChartOption,
    };
  }, [data, org]);

  return (
    <>
      <div className="page-title"><h2>统计分析</h2></div>
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.total > data.items.length && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`仅统计最近 ${data.items.length} 件（共 ${data.total} 件）`} />}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small" loading={!charts}><Statistic title="投诉总数" value={data?.total ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={!charts}><Statistic title="办理中" value={charts?.open ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={!charts}><Statistic title="已超期" value={charts?.overdue ?? 0} styles={{ content: { color: charts?.overdue ? '#cf1322' : undefined } }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={!charts}><Statistic title="期限合规率" suffix="%" value={data && data.items.length ? Math.round(((data.items.length - (charts?.overdue ?? 0)) / data.items.length) * 1000) / 10 : 100} /></Card></Col>
        {charts && (
          <>
            <Col xs={24} lg={12}><Card size="small" title="按状态"><EChart option={charts.status} testId="chart-status" /></Card></Col>
            <Col xs={24} lg={12}><Card size="small" title="按投诉类别"><EChart option={charts.category} /></Card></Col>
            <Col xs={24} lg={12}><Card size="small" title="按业务环节"><EChart option={charts.link} /></Card></Col>
            <Col xs={24} lg={12}><Card size="small" title="按受理单位"><EChart option={charts.branch} /></Card></Col>
            <Col xs={24}><Card size="small" title="期限合规（按受理月份；合规 = 未超期）"><EChart option={charts.compliance} /></Card></Col>
          </>
        )}
      </Row>
    </>
  );
}
