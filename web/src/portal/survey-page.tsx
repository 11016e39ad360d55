/** 满意度评价: the survey link used at the callback step (code + phone's last four digits). */
import { Alert, Button, Card, Form, Input, Radio, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { SATISFACTION, SATISFACTION_LABELS } from '../labels';

interface SurveyState {
  number: string;
  canRespond: boolean;
  alreadyResponded: boolean;
}

export default function PortalSurveyPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const [state, setState] = useState<(SurveyState & { code: string; phoneLast4: string }) | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = '满意度评价 - 客户服务中心';
    const code = params.get('code');
    if (code) form.setFieldValue('code', code);
  }, [params, form]);

  const check = async (v: { code: string; phoneLast4: string }) => {
    setError(null);
    try {
      const s = await api<SurveyState>('/api/portal/survey', { query: { code: v.code.trim(), phoneLast4: v.phoneLast4.trim() } });
      setState({ ...s, code: v.code.trim(), phoneLast4: v.phoneLast4.trim() });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const send = async (v: { satisfaction: string; comment?: string }) => {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      await api('/api/portal/survey', { method: 'POST', body: { code: state.code, phoneLast4: state.phoneLast4, satisfaction: v.satisfaction, comment: v.comment?.trim() || undefined } });
      setDone(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Card><Result status="success" title="感谢您的评价" subTitle="您的意见将帮助我们改进服务。" /></Card>;
  return (
    <Card title="满意度评价" size="small">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!state || (!state.canRespond && !state.alreadyResponded) ? (
        <>
          {state && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`投诉 ${state.number} 当前不在满意度评价期内（回访验证阶段及办结后 30 天内可评价）`} />}
          <Form form={form} layout="vertical" onFinish={check}>
            <Form.Item label="查询码" name="code" rules={[{ required: true, whitespace: true, message: '请输入查询码' }]}>
              <Input style={{ textTransform: 'uppercase' }} />
            </Form.Item>
            <Form.Item label="联系电话后四位" name="phoneLast4" rules={[{ required: true, pattern: /^\d{4}$/, message: '请输入联系电话的后四位数字' }]}>
              <Input inputMode="numeric" maxLength={4} style={{ maxWidth: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>下一步</Button>
          </Form>
        </>
      ) : state.alreadyResponded ? (
        <Result status="info" title="您已提交过本次评价" subTitle="感谢您的反馈。" />
      ) : (
        <Form layout="vertical" onFinish={send}>
          <Form.Item label={`您对投诉 ${state.number} 的处理结果是否满意？`} name="satisfaction" rules={[{ required: true, message: '请选择满意度' }]}>
            <Radio.Group options={SATISFACTION.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
          </Form.Item>
          <Form.Item label="意见建议（选填）" name="comment">
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>提交评价</Button>
        </Form>
      )}
    </Card>
  );
}
