/** 进度查询: tracking code + the phone's last four digits → stage and committed dates, nothing internal. */
import { Alert, Button, Card, Descriptions, Form, Input, Steps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';

interface Tracking {
  number: string;
  status: string;
  stage: string;
  acceptedOn: string;
  investigationDueOn: string;
  feedbackDueOn: string;
  closedOn?: string;
  steps: { key: string; label: string; done: boolean; date?: string }[];
}

export default function PortalTrackPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const [result, setResult] = useState<(Tracking & { code: string; last4: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = '进度查询 - 客户服务中心';
    const code = params.get('code');
    if (code) form.setFieldValue('code', code);
  }, [params, form]);

  const lookup = async (v: { code: string; phoneLast4: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<Tracking>('/api/portal/track', { query: { code: v.code.trim(), phoneLast4: v.phoneLast4.trim() } });
      setResult({ ...r, code: v.code.trim(), last4: v.phoneLast4.trim() });
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const current = result ? result.steps.findIndex((s) => !s.done) : 0;
  return (
    <>
      <Card title="投诉进度查询" size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="vertical" onFinish={lookup}>
          <Form.Item label="查询码" name="code" rules={[{ required: true, whitespace: true, message: '请输入查询码' }]}>
            <Input placeholder="受理时提供的 10 位查询码" autoCapitalize="characters" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item label="联系电话后四位" name="phoneLast4" rules={[{ required: true, pattern: /^\d{4}$/, message: '请输入联系电话的后四位数字' }]}>
            <Input inputMode="numeric" maxLength={4} style={{ maxWidth: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="track-submit">查询</Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Card size="small" title={<>受理编号 {result.number} <Tag color={result.status === 'closed' ? 'green' : 'blue'} data-testid="track-stage">{result.stage}</Tag></>}>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="受理日">{result.acceptedOn}</Descriptions.Item>
            <Descriptions.Item label="调查核实完成期限">{result.investigationDueOn}</Descriptions.Item>
            <Descriptions.Item label="反馈处理意见期限">{result.feedbackDueOn}</Descriptions.Item>
            {result.closedOn && <Descriptions.Item label="办结日">{result.closedOn}</Descriptions.Item>}
          </Descriptions>
          <Steps
            orientation="vertical"
            size="small"
            current={current < 0 ? result.steps.length : current}
            items={result.steps.map((s) => ({ title: s.label, content: s.date ?? (s.done ? '已完成' : '') , status: s.done ? 'finish' : undefined }))}
          />
          {['verifying', 'closed'].includes(result.status) && (
            <Link to={`/portal/survey?code=${result.code}`}><Button>评价本次处理</Button></Link>
          )}
        </Card>
      )}
    </>
  );
}
