/**
 * 在线投诉: the public complaint form with the privacy notice, a simple
 * challenge against scripted abuse, optional material, and an
 * acknowledgement page carrying the tracking code.
 */
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Result, Row, Select, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, upload } from '../api';
import { UploadProgress } from '../components/upload-progress';
import { CATEGORIES, CATEGORY_LABELS } from '../labels';

interface Branch {
  id: string;
  name: string;
}
interface Privacy {
  version: string;
  title: string;
  text: string;
  retention: string;
}
interface Ack {
  trackingCode: string;
  number: string;
  acceptedOn: string;
  investigationDueOn: string;
  feedbackDueOn: string;
}

export default function PortalFilePage() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [branches, setBranches] = useState<Branch[]>([]);
  const [privacy, setPrivacy] = useState<Privacy | null>(null);
  const [challenge, setChallenge] = useState<{ id: string; question: string } | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ack, setAck] = useState<(Ack & { phoneLast4: string; uploaded: number; uploadError?: string }) | null>(null);

  const newChallenge = useCallback(() => {
    form.setFieldValue('challengeAnswer', '');
    api<{ id: string; question: string }>('/api/portal/challenge').then(setChallenge).catch((e) => setError((e as Error).message));
  }, [form]);

  useEffect(() => {
    document.title = '在线投诉 - 客户服务中心';
    api<{ items: Branch[] }>('/api/portal/branches').then((r) => setBranches(r.items)).catch((e) => setError((e as Error).message));
    api<Privacy>('/api/portal/privacy').then(setPrivacy).catch(() => {});
    newChallenge();
  }, [newChallenge]);

  const submit = async (v: any) => {
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<Ack>('/api/portal/complaints', {
        method: 'POST',
        body: {
          customerName: v.customerName.trim(),
          customerPhone: v.customerPhone.trim(),
          customerEmail: v.customerEmail?.trim() || undefined,
          accountNumber: v.accountNumber?.trim() || undefined,
          unitId: v.unitId,
          category: v.category || undefined,
          reason: v.reason.trim(),
          narrative: v.narrative.trim(),
          occurredAt: v.occurredAt?.trim() || undefined,
          challengeId: challenge.id,
          challengeAnswer: String(v.challengeAnswer).trim(),
          privacyAccepted: v.privacyAccepted === true,
        },
      });
      const digits = v.customerPhone.replace(/\D/g, '');
      const phoneLast4 = digits.slice(-4);
      let uploaded = 0;
      let uploadError: string | undefined;
      if (files.length > 0) {
        const fd = new FormData();
        fd.append('phoneLast4', phoneLast4);
        for (const f of files) if (f.originFileObj) fd.append('file', f.originFileObj);
        try {
          setSent(0);
          const u = await upload<{ count: number }>(`/api/portal/complaints/${r.trackingCode}/attachments`, fd, { onProgress: setSent, quiet401: true });
          uploaded = u.count;
        } catch (e) {
          uploadError = (e as Error).message;
        } finally {
          setSent(null);
        }
      }
      setAck({ ...r, phoneLast4, uploaded, uploadError });
      window.scrollTo(0, 0);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.field) {
        form.setFields([{ name: err.field, errors: [err.message] }]);
        if (err.field === 'challengeAnswer') newChallenge();
      }
      setError(err.message);
      message.error(err.message);
    } finally {
      setBusy(false);
    }
  };

  if (ack) {
    return (
      <Card>
        <Result
          status="success"
          title="您的投诉已受理"
          subTitle={`受理编号 ${ack.number}，受理日 ${ack.acceptedOn}`}
          extra={
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <div>
                <div className="muted">查询码（请妥善保存，用于查询进度和满意度评价）</div>
                <div className="tracking-code" data-testid="tracking-code">{ack.trackingCode}</div>
                <Typography.Text copyable={{ text: ack.trackingCode, tooltips: ['复制查询码', '已复制'] }}>复制</Typography.Text>
              </div>
              <Alert
                type="info"
                showIcon
                title={`我们将在 ${ack.feedbackDueOn} 前向您反馈处理意见`}
                description={`调查核实将于 ${ack.investigationDueOn} 前完成。如需补充材料，请联系受理营业部。`}
              />
              {ack.uploaded > 0 && <Alert type="success" showIcon title={`已上传 ${ack.uploaded} 个附件`} />}
              {ack.uploadError && <Alert type="warning" showIcon title={`附件上传失败：${ack.uploadError}`} />}
              <Link to={`/portal/track?code=${ack.trackingCode}`}><Button type="primary">查询办理进度</Button></Link>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Card title="在线投诉" size="small">
      <Typography.Paragraph type="secondary">
        我们将在受理之日起 4 个工作日内向您反馈处理意见。带 * 的为必填项。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item label="受理营业部" name="unitId" rules={[{ required: true, message: '请选择受理的营业部' }]}>
          <Select placeholder="请选择您开户或办理业务的营业部" options={branches.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="姓名" name="customerName" rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }]}>
              <Input autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="联系电话" name="customerPhone" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^[\d\s\-+()（）]{7,20}$/, message: '请填写正确的手机号码或固定电话（含区号）' }]}>
              <Input inputMode="tel" autoComplete="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="电子邮箱（选填）" name="customerEmail" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input inputMode="email" autoComplete="email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="资金账号（选填）" name="accountNumber">
              <Input inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="问题类型（选填）" name="category">
          <Radio.Group options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
        </Form.Item>
        <Form.Item label="投诉事由" name="reason" rules={[{ required: true, whitespace: true, message: '请简要说明投诉事由' }]}>
          <Input maxLength={500} placeholder="一句话说明问题" />
        </Form.Item>
        <Form.Item label="事情经过" name="narrative" rules={[{ required: true, whitespace: true, message: '请描述事情经过' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount placeholder="时间、地点、涉及人员和经过" />
        </Form.Item>
        <Form.Item label="发生时间（选填）" name="occurredAt">
          <Input placeholder="如：2026年11月27日下午" maxLength={40} />
        </Form.Item>
        <Form.Item label="相关材料（选填，最多 5 个，每个不超过 10 MB）">
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.mp3,.m4a,.wav,.docx"
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        {privacy && (
          <Form.Item label={privacy.title}>
            <div className="privacy-text" data-testid="privacy-notice">{privacy.text}</div>
          </Form.Item>
        )}
        <Form.Item name="privacyAccepted" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意《个人信息保护说明》'))) }]}>
          <Checkbox>我已阅读并同意《个人信息保护说明》</Checkbox>
        </Form.Item>
        <Form.Item label={`验证：${challenge?.question ?? '加载中…'}`} required>
          <Space.Compact style={{ width: '100%', maxWidth: 280 }}>
            <Form.Item name="challengeAnswer" noStyle rules={[{ required: true, message: '请填写验证题答案' }]}>
              <Input inputMode="numeric" placeholder="请输入答案" aria-label="验证题答案" />
            </Form.Item>
            <Button icon={<ReloadOutlined />} onClick={newChallenge} aria-label="换一题" />
          </Space.Compact>
        </Form.Item>
        {sent !== null && <UploadProgress items={[{ name: `上传附件（${files.length} 个）`, percent: sent }]} processing="正在保存…" />}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="portal-submit">{sent !== null ? '正在上传附件…' : '提交投诉'}</Button>
      </Form>
    </Card>
  );
}
