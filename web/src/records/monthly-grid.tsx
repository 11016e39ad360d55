/**
 * HQ's view of monthly reports: branches × months, each cell coloured by
 * on time / late / missing / not yet due (GET /api/monthly-reports/grid).
 */
import { Alert, Card, DatePicker, Space, Table, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { fmtTime, TIMELINESS_LABELS } from '../labels';
import type { GridCell, MonthlyGrid } from './records-types';

const CELL_BG: Record<string, string> = { on_time: '#dcfce7', late: '#ffedd5', missing: '#fee2e2', not_due: '#f1f5f9' };
const CELL_FG: Record<string, string> = { on_time: '#166534', late: '#9a3412', missing: '#b91c1c', not_due: '#64748b' };

type Row = MonthlyGrid['branches'][number];

export function MonthlyReportGrid() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(5, 'month'), dayjs()]);
  const [grid, setGrid] = useState<MonthlyGrid | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    api<MonthlyGrid>('/api/monthly-reports/grid', { query: { from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') } })
      .then(setGrid)
      .catch((e) => setError((e as Error).message));
  }, [range]);

  const cell = (c: GridCell | undefined) => {
    if (!c) return null;
    const [label] = TIMELINESS_LABELS[c.state] ?? [c.state];
    return (
      <Tooltip title={`截止 ${c.dueOn}${c.submittedAt ? `，报送于 ${fmtTime(c.submittedAt)}` : ''}`}>
        <div data-state={c.state} style={{ background: CELL_BG[c.state], color: CELL_FG[c.state], borderRadius: 4, padding: '4px 6px', textAlign: 'center', fontSize: 12, whiteSpace: 'nowrap' }}>{label}</div>
      </Tooltip>
    );
  };

  return (
    <Card
      size="small"
      title="各营业部月报报送情况"
      style={{ marginBottom: 12 }}
      extra={<DatePicker.RangePicker picker="month" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} style={{ maxWidth: 240 }} />}
    >
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Row>
        size="small"
        rowKey="branchId"
        loading={!grid && !error}
        dataSource={grid?.branches ?? []}
        pagination={false}
        scroll={{ x: 160 + (grid?.months.length ?? 6) * 96 }}
        data-testid="monthly-grid"
        columns={[
          { title: '营业部', dataIndex: 'branchName', fixed: 'left', width: 160 },
          ...(grid?.months ?? []).map((m, i) => ({ title: m, key: m, width: 96, render: (_: unknown, r: Row) => cell(r.cells[i]) })),
        ]}
      />
      <Space size={12} wrap style={{ marginTop: 8, fontSize: 12 }}>
        {Object.entries(TIMELINESS_LABELS).map(([k, [l]]) => (
          <span key={k}><span style={{ display: 'inline-block', width: 10, height: 10, background: CELL_BG[k], border: `1px solid ${CELL_FG[k]}`, marginRight: 4 }} />{l}</span>
        ))}
        <span className="muted">截止日为次月第 3 个交易日</span>
      </Space>
    </Card>
  );
}
