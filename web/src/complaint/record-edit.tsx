/**
 * 编辑记录表: correct the record of acceptance while the server allows it
 * (`editableFields`). Only those fields are enabled, and only the fields the
 * user actually changed are sent with PATCH, together with the version read.
 * Personal data arrives masked, so the form loads the revealed record
 * (`?reveal=true`, which the server audits) when it opens; an untouched
 * personal field is never sent back. A 409 STALE reloads the record and says
 * so; a 400 lands on the field it names.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Modal, Radio, Row, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { CheckedTextArea } from '../components/phrase-check';
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, type Channel } from '../labels';
import type { Org } from '../org';
import type { Complaint } from '../types';
import { RECORD_FIELDS, text, toNamePath, type RecordField } from './editing';

const PERSONAL: readonly RecordField[] = ['customerPhone', 'customerEmail', 'customerAddress', 'accountNumber', 'idNumber'];

/** The channel-specific details the intake form records, per channel. */
const DETAIL_FIELDS: Partial<Record<Channel, { key: string; label: string }[]>> = {
  opinion_book: [{ key: 'opinionBookPage', label: '意见簿页码' }],
  letter: [{ key: 'letterReceivedOn', label: '来信收到日期（YYYY-MM-DD）' }, { key: 'senderAddress', label: '来信地址' }],
  phone: [{ key: 'callerNumber', label: '来电号码' }],
  email: [{ key: 'emailFrom', label: '来件邮箱' }],
  fax: [{ key: 'faxNumber', label: '来件传真号' }],
  regulator_transfer: [{ key: 'regulator', label: '转办机构' }],
};


/** Form values → the API's shape for one field, so that "unchanged" compares like with like. */
function normalise(f: RecordField, v: any, original: Complaint): unknown {
  if (f === 'involvedStaff') {
    return ((v ?? []) as any[])
      .filter((s) => text(s?.name))
      .map((s) => ({ name: text(s.name), position: text(s.position), ...(s.userId ? { userId: s.userId } : {}) }));
  }
  if (f === 'channelDetails') {
    // Keys the form does not show (privacy version, portal marker…) are kept as they were.
    const out: Record<string, unknown> = { ...(original.channelDetails ?? {}) };
    for (const [k, val] of Object.entries(v ?? {})) {
      const t = typeof val === 'string' ? text(val) : val;
      if (t === null || t === undefined) delete out[k];
      else out[k] = t;
    }
    return out;
  }
  return text(v);
}

function initialValues(c: Complaint) {
  return {
    ...Object.fromEntries(RECORD_FIELDS.map((f) => [f, (c as any)[f] ?? undefined])),
    involvedStaff: c.involvedStaff.length ? c.involvedStaff.map((s) => ({ name: s.name, position: s.position ?? undefined, userId: s.userId ?? undefined })) : [{}],
    channelDetails: { ...(c.channelDetails ?? {}) },
  };
}

export interface RecordEditModalProps {
  open: boolean;
  complaint: Complaint;
  org: Org;
  onClose(): void;
  onSaved(c: Complaint): void;
  /** Someone else saved first: the page reloads the complaint. */
  onStale(): void;
}

export default function RecordEditModal({ open, complaint, org, onClose, onSaved, onStale }: RecordEditModalProps) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [base, setBase] = useState<Complaint | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [generation, setGeneration] = useState(0);
  const channel = Form.useWatch('channel', form) as Channel | undefined;
  const editable = new Set(complaint.editableFields ?? []);
  const personalEditable = PERSONAL.some((f) => editable.has(f));

  // Load the record the form starts from: revealed when personal data may be edited (that view is audited).
  useEffect(() => {
    if (!open) {
      setBase(null);
      return;
    }
    let alive = true;
    api<Complaint>(`/api/complaints/${complaint.id}`, { query: { reveal: personalEditable || undefined } })
      .then((r) => {
        if (!alive) return;
        setBase(r);
        form.resetFields();
        form.setFieldsValue(initialValues(r));
      })
      .catch((e) => alive && setError({ text: (e as Error).message, stale: false }));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, complaint.id, generation]);

  const dis = (f: RecordField) => !editable.has(f);

  const save = async () => {
    if (!base) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true);
    const init = initialValues(base) as Record<string, unknown>;
    const body: Record<string, unknown> = { version: base.version };
    for (const f of RECORD_FIELDS) {
      if (!editable.has(f)) continue;
      const now = normalise(f, v[f], base);
      if (JSON.stringify(now) !== JSON.stringify(normalise(f, init[f], base))) body[f] = now;
    }
    const changed = Object.keys(body).filter((k) => k !== 'version');
    if (changed.length === 0) {
      message.info('没有修改任何内容');
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Complaint>(`/api/complaints/${complaint.id}`, { method: 'PATCH', body });
      message.success(`记录表已保存（修改了 ${changed.length} 项）`);
      onSaved(updated);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.code === 'STALE') {
        setError({ text: '保存失败：该投诉已被他人修改并保存。已重新加载最新内容，请核对后重新修改。', stale: true });
        message.error('该投诉已被他人修改，已重新加载');
        onStale();
        setGeneration((g) => g + 1);
      } else {
        if (err instanceof ApiError && err.field && err.field !== 'version' && err.field !== 'body') {
          try {
            form.setFields([{ name: toNamePath(err.field) as any, errors: [err.message] }]);
          } catch {
            /* not a field of this form */
          }
        }
        setError({ text: err.message, stale: false });
      }
    } finally {
      setBusy(false);
    }
  };

  const details = channel ? (DETAIL_FIELDS[channel] ?? []) : [];
  return (
    <Modal
      open={open}
      title="编辑投诉记录表"
      onCancel={onClose}
      onOk={save}
      okText="保存修改"
      cancelText="取消"
      confirmLoading={busy}
      width={900}
      destroyOnHidden
      okButtonProps={{ disabled: !base, 'data-testid': 'edit-save' } as any}
    >
      {error && <Alert type={error.stale ? 'warning' : 'error'} showIcon title={error.text} style={{ marginBottom: 12 }} data-testid="edit-error" />}
      {personalEditable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          编辑时显示完整个人信息，本次查看已记录。只提交您修改过的字段。
        </Typography.Paragraph>
      )}
      {!base ? (
        <div style={{ padding: 32, textAlign: 'center' }}><Spin /></div>
      ) : (
        <Form form={form} name="edit" layout="vertical" className="edit-form" preserve={false}>
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label="受理渠道" name="channel" rules={[{ required: true, message: '请选择受理渠道' }]}>
                <Radio.Group disabled={dis('channel')} optionType="button" options={CHANNELS.filter((c) => c !== 'online' || base.channel === 'online').map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
              </Form.Item>
            </Col>
            {details.map((d) => (
              <Col xs={24} md={12} key={d.key}>
                <Form.Item label={d.label} name={['channelDetails', d.key]}>
                  <Input disabled={dis('channelDetails')} />
                </Form.Item>
              </Col>
            ))}
            {channel === 'regulator_transfer' && (
              <>
                <Col xs={24} md={12}>
                  <Form.Item label="监管转办编号" name="regulatorCaseNumber" rules={[{ required: true, whitespace: true, message: '监管转办投诉须填写转办编号' }]}>
                    <Input disabled={dis('regulatorCaseNumber')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="监管要求办结日期" name="regulatorDueOn" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 YYYY-MM-DD 填写' }]}>
                    <Input disabled={dis('regulatorDueOn')} placeholder="YYYY-MM-DD" />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24} md={8}>
              <Form.Item label="客户姓名" name="customerName" rules={[{ required: true, whitespace: true, message: '请填写客户姓名' }]}>
                <Input disabled={dis('customerName')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="联系电话" name="customerPhone">
                <Input disabled={dis('customerPhone')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="电子邮箱" name="customerEmail" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                <Input disabled={dis('customerEmail')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="联系地址" name="customerAddress">
                <Input disabled={dis('customerAddress')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="资金账号" name="accountNumber">
                <Input disabled={dis('accountNumber')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="证件号码" name="idNumber">
                <Input disabled={dis('idNumber')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="投诉类别" name="category" rules={[{ required: true, message: '请选择投诉类别' }]}>
                <Select disabled={dis('category')} options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="业务环节" name="businessLink">
                <Select
                  allowClear
                  disabled={dis('businessLink')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={org.links.filter((l) => l.active || l.code === base.businessLink).map((l) => ({ value: l.code, label: l.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="发生时间" name="occurredAt">
                <Input disabled={dis('occurredAt')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="发生地点" name="location">
                <Input disabled={dis('location')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.List name="involvedStaff">
                {(fields, { add, remove }) => (
                  <>
                    <Typography.Text>涉及人员</Typography.Text>
                    {fields.map((f) => (
                      <Row gutter={8} key={f.key} style={{ marginTop: 6 }}>
                        <Col xs={10} md={8}>
                          <Form.Item name={[f.name, 'name']} style={{ marginBottom: 4 }}>
                            <Input placeholder="姓名" aria-label="涉及人员姓名" disabled={dis('involvedStaff')} />
                          </Form.Item>
                        </Col>
                        <Col xs={11} md={8}>
                          <Form.Item name={[f.name, 'position']} style={{ marginBottom: 4 }}>
                            <Input placeholder="岗位" aria-label="涉及人员岗位" disabled={dis('involvedStaff')} />
                          </Form.Item>
                        </Col>
                        <Col xs={3} md={1}>
                          <Button type="text" aria-label="删除" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} disabled={dis('involvedStaff')} />
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ margin: '6px 0 12px' }} disabled={dis('involvedStaff')}>
                      添加涉及人员
                    </Button>
                  </>
                )}
              </Form.List>
            </Col>
            <Col xs={24}>
              <Form.Item label="投诉事由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写投诉事由' }]}>
                <Input disabled={dis('reason')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="事情经过" name="narrative" rules={[{ required: true, whitespace: true, message: '请填写事情经过' }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} disabled={dis('narrative')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="初步处理意见" name="preliminaryOpinion">
                <CheckedTextArea autoSize={{ minRows: 2, maxRows: 8 }} disabled={dis('preliminaryOpinion')} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Modal>
  );
}
