/** Improvement measures of a quarterly hotspot: the list with "mark done", and the form that sets one (measure, owner, due date). */
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { HOTSPOT_KIND_LABELS } from '../labels';
import type { Hotspot, ImprovementMeasure } from './records-types';

export function MeasureList({ measures, canComplete, onComplete }: { measures: ImprovementMeasure[]; canComplete: boolean; onComplete(id: string): void }) {
  if (!measures.length) return <span className="muted">—</span>;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {measures.map((m) => (
        <div key={m.id} data-testid="measure">
          <span>{m.measure}</span>
          <span className="muted">（责任人 {m.owner}，{m.dueOn} 前）</span>{' '}
          {m.status === 'done' ? <Tag color="green">已完成</Tag> : m.overdue ? <Tag color="red">已逾期</Tag> : <Tag color="processing">进行中</Tag>}
          {m.status !== 'done' && canComplete && (
            <Button size="small" type="link" onClick={() => onComplete(m.id)} data-testid="measure-done">标记完成</Button>
          )}
        </div>
      ))}
    </Space>
  );
}

interface Values {
  measure: string;
  owner: string;
  dueOn: Dayjs;
}

export function ImprovementModal({ hotspot, quarter, unitId, onClose, onDone }: { hotspot: Hotspot | null; quarter: string; unitId: string | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (hotspot) {
      form.resetFields();
      setError(null);
    }
  }, [hotspot, form]);

  const save = async (v: Values) => {
    if (!hotspot) return;
    setBusy(true);
    setError(null);
    try {
      await api('/api/quarterly-analysis/improvements', {
        method: 'POST',
        body: { quarter, unitId, kind: hotspot.kind, key: hotspot.key, measure: v.measure, owner: v.owner, dueOn: v.dueOn.format('YYYY-MM-DD') },
      });
      message.success('改进措施已保存');
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.field && ['measure', 'owner', 'dueOn'].includes(e.field)) form.setFields([{ name: e.field as any, errors: [e.message] }]);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!hotspot}
      title={hotspot ? `制定改进措施：${HOTSPOT_KIND_LABELS[hotspot.kind]}「${hotspot.label}」（${hotspot.count} 件）` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ loading: busy, 'data-testid': 'measure-ok' } as any}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ dueOn: dayjs().add(30, 'day') }}>
        <Form.Item label="改进措施" name="measure" rules={[{ required: true, whitespace: true, message: '请填写改进措施' }, { max: 2000 }]}>
          <Input.TextArea rows={3} placeholder="例如：组织开户岗位服务规范培训，增设高峰期引导岗" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item label="责任人" name="owner" rules={[{ required: true, whitespace: true, message: '请填写责任人' }, { max: 100 }]} style={{ flex: '1 1 180px' }}>
            <Input />
          </Form.Item>
          <Form.Item label="完成期限" name="dueOn" rules={[{ required: true, message: '请选择完成期限' }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
