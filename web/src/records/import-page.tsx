/**
 * 历史记录表导入: upload an XLSX of past record forms (POST
 * /api/imports/record-forms, multipart field `file`). All-or-nothing imports
 * nothing when any row fails and the 400 carries the full report
 * (details.report); valid-only imports the good rows and lists the errors.
 * Branch staff import for their own branch; HQ picks the accepting unit.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Radio, Select, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, upload } from '../api';
import { useUser } from '../auth';
import { IMPORT_COLUMNS } from '../labels';
import { UploadProgress } from '../components/upload-progress';
import { useOrg } from '../org';
import type { ImportReport, RowError } from './records-types';

type Mode = 'all_or_nothing' | 'valid_only';

export default function ImportPage() {
  const user = useUser();
  const org = useOrg();
  const { message } = App.useApp();
  const isHq = user.unitKind === 'hq';
  const [file, setFile] = useState<UploadFile | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [unit, setUnit] = useState<string | undefined>(isHq ? undefined : user.unitId);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [report, setReport] = useState<{ report: ImportReport; refused: boolean; message?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file?.originFileObj) return setError('请选择要导入的 Excel 文件（.xlsx）');
    if (!unit) return setError('请选择受理单位');
    setBusy(true);
    setError(null);
    setReport(null);
    const body = new FormData();
    body.append('file', file.originFileObj, file.name);
    try {
      setSent(0);
      const r = await upload<ImportReport>('/api/imports/record-forms', body, { query: { mode, unit }, onProgress: setSent });
      setReport({ report: r, refused: false });
      message.success(`已导入 ${r.imported} 条记录`);
    } catch (e) {
      const rep = e instanceof ApiError ? (e.details?.report as ImportReport | undefined) : undefined;
      if (rep) setReport({ report: rep, refused: true, message: (e as Error).message });
      else setError((e as Error).message);
    } finally {
      setBusy(false);
      setSent(null);
    }
  };

  const r = report?.report;
  return (
    <>
      <div className="page-title">
        <h2>历史记录表导入</h2>
        <Button icon={<DownloadOutlined />} href="/record-form-template.xlsx" download="投诉记录表导入模板.xlsx" data-testid="import-template">下载导入模板</Button>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          第一行（或标题行下方）为表头，必需的列：
          {IMPORT_COLUMNS.filter((c) => c.required).map((c) => <Tag key={c.header} color="blue">{c.header}</Tag>)}
          ；可选：{IMPORT_COLUMNS.filter((c) => !c.required).map((c) => c.header).join('、')}。联系电话、电子邮箱、联系地址至少填一项；渠道和类别填中文名称（如“当面受理”“服务态度”）。导入的投诉标记为“历史导入”。
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={run}>
          <Space wrap align="start" size={16}>
            <Form.Item label="受理单位" required style={{ marginBottom: 8 }}>
              <Select style={{ width: 220 }} value={unit} onChange={setUnit} disabled={!isHq} placeholder="请选择" data-testid="import-unit" options={(isHq ? org.units.filter((u) => u.kind !== 'department') : [{ id: user.unitId, name: user.unitName }]).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item label="导入方式" style={{ marginBottom: 8 }}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
                <Radio.Button value="all_or_nothing">全部有效才导入</Radio.Button>
                <Radio.Button value="valid_only">只导入有效行</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item label="Excel 文件" required style={{ marginBottom: 8 }}>
              <Upload
                accept=".xlsx"
                maxCount={1}
                fileList={file ? [file] : []}
                beforeUpload={() => false}
                onChange={(i) => setFile(i.fileList[0] ?? null)}
                onRemove={() => setFile(null)}
              >
                <Button icon={<UploadOutlined />} data-testid="import-file">选择文件</Button>
              </Upload>
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="import-run">{busy ? '正在导入…' : '开始导入'}</Button>
          </div>
          {sent !== null && file && <UploadProgress items={[{ name: file.name, percent: sent }]} processing="上传完成，正在逐行校验并导入…" />}
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      {r && (
        <Card size="small" title="导入结果" data-testid="import-result">
          <Alert
            showIcon
            type={report.refused ? 'error' : r.errors.length ? 'warning' : 'success'}
            style={{ marginBottom: 12 }}
            data-testid="import-summary"
            title={report.refused ? `未导入任何记录：共 ${r.total} 行，${new Set(r.errors.map((e) => e.row)).size} 行有错误` : `已导入 ${r.imported} 条（共 ${r.total} 行${r.errors.length ? `，${new Set(r.errors.map((e) => e.row)).size} 行有错误未导入` : ''}）`}
            description={r.ignoredColumns.length > 0 ? `未识别、已忽略的列：${r.ignoredColumns.join('、')}` : undefined}
          />
          {r.errors.length > 0 && (
            <Table<RowError>
              size="small"
              rowKey={(e) => `${e.row}:${e.field}:${e.message}`}
              dataSource={r.errors}
              pagination={r.errors.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 560 }}
              data-testid="import-errors"
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', key: 'col', width: 130, render: (_, e) => e.column || e.field },
                { title: '错误', dataIndex: 'message' },
              ]}
            />
          )}
          {r.complaints.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="import-imported">
              已生成：{r.complaints.map((c, i) => <span key={c.id}>{i > 0 && '、'}<Link to={`/complaints/${c.id}`}>{c.number}</Link>（第 {c.row} 行）</span>)}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </>
  );
}
