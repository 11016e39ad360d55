/**
 * 季度分析 (Ch. 6 (3)): counts by category, business link, channel, outcome
 * class, branch and staff; deadline compliance and satisfaction; change
 * against the previous quarter and the same quarter last year; hotspots with
 * their improvement measures. Quarter and unit live in the URL so a view can
 * be shared. HQ may analyse the whole company or one unit; branch staff only
 * their own branch (the server enforces it too).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../api';
import { hasRole, useUser } from '../auth';
import { EChart, type ChartOption } from '../components/echart';
import { HOTSPOT_KIND_LABELS, OUTCOME_SHORT } from '../labels';
import { useOrg } from '../org';
import { ImprovementModal, MeasureList } from './improvement-form';
import { quarterOf, type Compliance, type Count, type Hotspot, type QuarterlyAnalysis } from './records-types';

const bar = (counts: Count[], color: string, horizontal = false): ChartOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: horizontal ? 110 : 40, right: 20, top: 16, bottom: horizontal ? 24 : 56 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: counts.map((c) => c.label), axisLabel: { interval: 0, rotate: horizontal ? 0 : 25, width: 100, overflow: 'truncate' }, inverse: horizontal },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: counts.map((c) => c.count), itemStyle: { color }, barMaxWidth: 26, label: { show: true, position: horizontal ? 'right' : 'top' } }],
});

const pie = (data: { name: string; value: number }[]): ChartOption => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
  legend: { bottom: 0, type: 'scroll' },
  series: [{ type: 'pie', radius: ['38%', '64%'], center: ['50%', '44%'], data: data.filter((d) => d.value > 0), label: { formatter: '{c}' } }],
});

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function complianceChart(inv: Compliance, fb: Compliance): ChartOption {
  const names = ['调查处理（3个工作日）', '反馈客户（4个工作日）'];
  const s = (name: string, key: 'onTime' | 'late' | 'pending', color: string) => ({ name, type: 'bar', stack: 'c', data: [inv[key], fb[key]], itemStyle: { color }, barMaxWidth: 30, label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 150, right: 20, top: 10, bottom: 40 },
    yAxis: { type: 'category', data: names, inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [s('按时', 'onTime', '#16a34a'), s('超期', 'late', '#dc2626'), s('未到期', 'pending', '#cbd5e1')],
  };
}

function comparisonChart(a: QuarterlyAnalysis): ChartOption {
  const cats = a.byCategory.map((c) => c.key);
  for (const t of [a.comparison.previousQuarter, a.comparison.sameQuarterLastYear]) for (const c of t.byCategory) if (!cats.includes(c.key)) cats.push(c.key);
  const label = (k: string) => [...a.byCategory, ...a.comparison.previousQuarter.byCategory, ...a.comparison.sameQuarterLastYear.byCategory].find((c) => c.key === k)?.label ?? k;
  const of = (list: Count[]) => ['合计', ...cats].map((k, i) => (i === 0 ? list.reduce((n, c) => n + c.count, 0) : (list.find((c) => c.key === k)?.count ?? 0)));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 20, top: 26, bottom: 50 },
    xAxis: { type: 'category', data: ['合计', ...cats.map(label)] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: `${a.comparison.sameQuarterLastYear.quarter}（去年同期）`, type: 'bar', data: of(a.comparison.sameQuarterLastYear.byCategory), itemStyle: { color: '#cbd5e1' }, barMaxWidth: 22 },
      { name: `${a.comparison.previousQuarter.quarter}（上季度）`, type: 'bar', data: of(a.comparison.previousQuarter.byCategory), itemStyle: { color: '#93c5fd' }, barMaxWidth: 22 },
      { name: `${a.quarter}（本季度）`, type: 'bar', data: of(a.byCategory), itemStyle: { color: '#1d4ed8' }, barMaxWidth: 22, label: { show: true, position: 'top' } },
    ],
  };
}

function Change({ title, change, rate, quarter }: { title: string; change: number; rate: number | null; quarter: string }) {
  const color = change > 0 ? '#cf1322' : change < 0 ? '#16a34a' : undefined;
  return <Statistic title={`${title}（${quarter}）`} value={change > 0 ? `+${change}` : change} suffix={rate === null ? '件' : `件 / ${change > 0 ? '+' : ''}${pct(rate)}`} styles={{ content: { color } }} />;
}

export default function QuarterlyPage() {
  const user = useUser();
  const org = useOrg();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const quarter = /^\d{4}Q[1-4]$/.test(params.get('quarter') ?? '') ? params.get('quarter')! : quarterOf(dayjs());
  const isHq = user.unitKind === 'hq';
  const unitId = isHq ? (params.get('unit') ?? '') : user.unitId;
  const [data, setData] = useState<QuarterlyAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<Hotspot | null>(null);
  const canManage = hasRole(user, 'complaint_manager', 'branch_head', 'hq_head');

  const load = useCallback(() => {
    setError(null);
    api<QuarterlyAnalysis>('/api/quarterly-analysis', { query: { quarter, unitId: unitId || undefined } })
      .then(setData)
      .catch((e) => setError((e as Error).message));
  }, [quarter, unitId]);
  useEffect(load, [load]);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const charts = useMemo(() => {
    if (!data) return null;
    return {
      category: bar(data.byCategory, '#1d4ed8'),
      link: bar(data.byBusinessLink, '#0891b2', true),
      channel: pie(data.byChannel.map((c) => ({ name: c.label, value: c.count }))),
      outcome: pie(data.byOutcomeClass.map((c) => ({ name: OUTCOME_SHORT[c.key] ?? c.label, value: c.count }))),
      branch: bar(data.byBranch, '#7c3aed', true),
      staff: bar(data.byStaff.slice(0, 10), '#ea580c', true),
      compliance: complianceChart(data.compliance.investigation, data.compliance.feedback),
      satisfaction: pie([
        { name: '满意', value: data.satisfaction.satisfied },
        { name: '基本满意', value: data.satisfaction.basically_satisfied },
        { name: '不满意', value: data.satisfaction.dissatisfied },
      ]),
      comparison: comparisonChart(data),
    };
  }, [data]);

  const complete = async (id: string) => {
    try {
      await api(`/api/quarterly-analysis/improvements/${id}/done`, { method: 'POST', body: {} });
      message.success('改进措施已标记完成');
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const exportQuery = { quarter, unitId: unitId || undefined };
  const chartCard = (title: string, option: ChartOption | undefined, empty: boolean, testId?: string, height = 260) => (
    <Card size="small" title={title}>
      {empty ? <div className="muted" style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>本季度无数据</div> : option && <EChart option={option} height={height} testId={testId} />}
    </Card>
  );
  const units = org.units.filter((u) => u.kind !== 'department');

  return (
    <>
      <div className="page-title">
        <h2>季度分析</h2>
        <Space wrap>
          <DatePicker picker="quarter" value={dayjs(`${quarter.slice(0, 4)}-${String((Number(quarter[5]) - 1) * 3 + 1).padStart(2, '0')}-01`)} onChange={(d) => d && set('quarter', quarterOf(d))} allowClear={false} aria-label="季度" />
          {isHq ? (
            <Select style={{ width: 200 }} value={unitId} onChange={(v) => set('unit', v)} data-testid="quarterly-unit" options={[{ value: '', label: '全公司' }, ...units.map((u) => ({ value: u.id, label: u.name }))]} />
          ) : (
            <Tag>{user.unitName}</Tag>
          )}
          <Button icon={<DownloadOutlined />} href={withQuery('/api/quarterly-analysis.xlsx', exportQuery)}>XLSX</Button>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/quarterly-analysis.pdf', exportQuery)} target="_blank">PDF</Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {data.unitName} · {data.quarter}（{data.from} 至 {data.to}，按受理日期）
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}><Statistic title="投诉件数" value={data?.total ?? 0} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}>{data && <Change title="环比" quarter={data.comparison.previousQuarter.quarter} change={data.comparison.previousQuarter.change} rate={data.comparison.previousQuarter.changeRate} />}</Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}>{data && <Change title="同比" quarter={data.comparison.sameQuarterLastYear.quarter} change={data.comparison.sameQuarterLastYear.change} rate={data.comparison.sameQuarterLastYear.changeRate} />}</Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}><Statistic title="调查处理按时率" value={pct(data?.compliance.investigation.rate ?? null)} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}><Statistic title="反馈客户按时率" value={pct(data?.compliance.feedback.rate ?? null)} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small" loading={!data}><Statistic title={`回访满意率（${data?.satisfaction.verified ?? 0} 件）`} value={pct(data?.satisfaction.satisfiedRate ?? null)} /></Card></Col>
        {data && charts && (
          <>
            <Col xs={24} lg={12}>{chartCard('按投诉类别', charts.category, !data.byCategory.length, 'chart-category')}</Col>
            <Col xs={24} lg={12}>{chartCard('按业务环节', charts.link, !data.byBusinessLink.length, 'chart-link')}</Col>
            <Col xs={24} md={12} lg={8}>{chartCard('按受理渠道', charts.channel, !data.byChannel.length, 'chart-channel')}</Col>
            <Col xs={24} md={12} lg={8}>{chartCard('按责任认定', charts.outcome, !data.byOutcomeClass.length, 'chart-outcome')}</Col>
            <Col xs={24} md={12} lg={8}>{chartCard('回访满意度', charts.satisfaction, data.satisfaction.verified === 0, 'chart-satisfaction')}</Col>
            <Col xs={24} lg={12}>{chartCard('按营业部（受理单位）', charts.branch, !data.byBranch.length, 'chart-branch')}</Col>
            <Col xs={24} lg={12}>{chartCard('按涉及人员（前 10）', charts.staff, !data.byStaff.length, 'chart-staff')}</Col>
            <Col xs={24} lg={12}>{chartCard('办理时限达标', charts.compliance, data.total === 0, 'chart-compliance', 200)}</Col>
            <Col xs={24} lg={12}>{chartCard('与上季度、去年同期对比（按类别）', charts.comparison, false, 'chart-comparison', 200)}</Col>
            <Col xs={24}>
              <Card size="small" title={`热点（同一业务环节或人员 ≥ ${data.hotspotThreshold} 件${data.hotspotTopPercent ? `，或投诉最多的前 ${data.hotspotTopPercent}%` : ''}）及改进措施`} data-testid="hotspots">
                <Table<Hotspot>
                  size="small"
                  rowKey={(h) => `${h.kind}:${h.key}`}
                  dataSource={data.hotspots}
                  pagination={false}
                  scroll={{ x: 720 }}
                  locale={{ emptyText: '本季度无热点' }}
                  columns={[
                    { title: '类型', dataIndex: 'kind', width: 90, render: (k: string) => HOTSPOT_KIND_LABELS[k] ?? k },
                    { title: '业务环节 / 人员', dataIndex: 'label', width: 150 },
                    { title: '件数', dataIndex: 'count', width: 60 },
                    {
                      title: '状态',
                      key: 'state',
                      width: 130,
                      render: (_, h) => (h.needsMeasure ? <Tag color="red">需制定改进措施</Tag> : h.done ? <Tag color="green">改进已完成</Tag> : <Tag color="processing">改进中</Tag>),
                    },
                    { title: '改进措施', key: 'm', render: (_, h) => <MeasureList measures={h.measures} canComplete={canManage} onComplete={complete} /> },
                    { title: '', key: 'op', width: 110, render: (_, h) => canManage && <Button size="small" onClick={() => setAdding(h)} data-testid="add-measure">制定措施</Button> },
                  ]}
                />
                {data.repeat.count > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>重复投诉 {data.repeat.count} 件：{data.repeat.numbers.join('、')}</Typography.Paragraph>}
              </Card>
            </Col>
          </>
        )}
      </Row>
      <ImprovementModal
        hotspot={adding}
        quarter={quarter}
        unitId={unitId || null}
        onClose={() => setAdding(null)}
        onDone={() => {
          setAdding(null);
          load();
        }}
      />
    </>
  );
}
