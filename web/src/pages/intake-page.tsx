/**
 * 投诉登记: the record form for a clerk with the customer in front of them.
 * Every field of the measures' record form, channel-specific details, a
 * repeat-complaint warning as soon as a contact is typed, Chinese validation,
 * Ctrl+Enter to save, and attachments once the complaint exists.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Form, Input, Radio, Result, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { AttachmentsPanel } from '../components/attachments';
import { StatusTag } from '../components/complaint-table';
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, type Channel } from '../labels';
import { useOrg } from '../org';
import type { Complaint } from '../types';

interface Related {
  id: string;
  number: string;
  status: string;
  acceptedOn: string;
  reason: string;
}

/** Server field names map onto form paths (channelDetails.x, involvedStaff[0].name). */
function toNamePath(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const PHONE = /^[0-9+\-() ]{5,30}$/;

export default function IntakePage() {
  const user = useUser();
  const org = useOrg();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const channel = Form.useWatch('channel', form) as Channel | undefined;
  const acceptedOn = Form.useWatch('acceptedOn', form) as Dayjs | undefined;
  const [related, setRelated] = useState<Related[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Complaint | null>(null);
  const lastCheck = useRef('');

  const checkCustomer = async () => {
    const { customerPhone, idNumber, accountNumber } = form.getFieldsValue(['customerPhone', 'idNumber', 'accountNumber']);
    const key = [customerPhone, idNumber, accountNumber].map((v) => (v ?? '').trim()).join('|');
    if (key === lastCheck.current || key === '||') return;
    lastCheck.current = key;
    try {
      const r = await api<{ items: Related[] }>('/api/complaints/check-customer', {
        query: { phone: customerPhone?.trim(), idNumber: idNumber?.trim(), accountNumber: accountNumber?.trim() },
      });
      setRelated(r.items);
    } catch {
      setRelated([]);
    }
  };

  const submit = async (v: any) => {
    setBusy(true);
    const details: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v.channelDetails ?? {})) {
      if (val === undefined || val === null || val === '') continue;
      details[k] = typeof (val as Dayjs).format === 'function' ? (val as Dayjs).format('YYYY-MM-DD') : val;
    }
    const body: Record<string, unknown> = {
      channel: v.channel,
      channelDetails: details,
      category: v.category,
      businessLink: v.businessLink || null,
      customerName: v.customerName?.trim(),
      customerPhone: v.customerPhone?.trim() || null,
      customerEmail: v.customerEmail?.trim() || null,
      customerAddress: v.customerAddress?.trim() || null,
      accountNumber: v.accountNumber?.trim() || null,
      idNumber: v.idNumber?.trim() || null,
      occurredAt: v.occurredAt ? (v.occurredAt as Dayjs).format('YYYY-MM-DD HH:mm') : null,
      location: v.location?.trim() || null,
      involvedStaff: (v.involvedStaff ?? []).filter((s: any) => s?.name?.trim()).map((s: any) => ({ name: s.name.trim(), position: s.position?.trim() || null })),
      reason: v.reason?.trim(),
      narrative: v.narrative?.trim(),
      preliminaryOpinion: v.preliminaryOpinion?.trim() || null,
    };
    if (v.acceptingUnitId) body.acceptingUnitId = v.acceptingUnitId;
    if (v.acceptedOn) body.acceptedOn = (v.acceptedOn as Dayjs).format('YYYY-MM-DD');
    if (v.backdateReason) body.backdateReason = v.backdateReason.trim();
    if (v.channel === 'regulator_transfer') {
      body.regulatorCaseNumber = v.regulatorCaseNumber?.trim() || null;
      body.regulatorDueOn = v.regulatorDueOn ? (v.regulatorDueOn as Dayjs).format('YYYY-MM-DD') : null;
    }
    try {
      const c = await api<Complaint>('/api/complaints', { method: 'POST', body });
      message.success(`已受理，编号 ${c.number}`);
      setCreated(c);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.field) form.setFields([{ name: toNamePath(e.field) as any, errors: [e.message] }]);
      message.error(e instanceof Error ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !created) form.submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, created]);

  if (created) {
    return (
      <Card>
        <Result
          status="success"
          title={`已受理：${created.number}`}
          subTitle={
            <>
              调查期限 {created.investigationDueOn}，反馈期限 {created.feedbackDueOn}
              {created.deadlinesProvisional && '（暂定）'}。请于受理当日传递给投诉管理人员。
            </>
          }
          extra={[
            <Button type="primary" key="open" onClick={() => nav(`/complaints/${created.id}`)} data-testid="open-created">查看记录表</Button>,
            <Button key="again" onClick={() => { setCreated(null); setRelated([]); lastCheck.current = ''; form.resetFields(); }}>继续登记</Button>,
          ]}
        />
        <Divider>附件（来信扫描件、照片、录音）</Divider>
        <div style={{ maxWidth: 720, margin: '0 auto' }}>
          <AttachmentsPanel complaintId={created.id} />
        </div>
      </Card>
    );
  }

  const isHq = user.unitKind === 'hq';
  const today = new Date().toISOString().slice(0, 10);
  const backdated = acceptedOn && acceptedOn.format('YYYY-MM-DD') < today;
  const contactRule = {
    validator: async () => {
      const { customerPhone, customerEmail, customerAddress } = form.getFieldsValue(['customerPhone', 'customerEmail', 'customerAddress']);
      if (![customerPhone, customerEmail, customerAddress].some((x) => x && String(x).trim())) throw new Error('请至少填写一种联系方式（电话、邮箱或地址）');
    },
  };

  return (
    <>
      <div className="page-title">
        <h2>投诉登记</h2>
        <Typography.Text type="secondary">营业部客户投诉处理记录表<span className="desktop-only"> · Tab 切换字段，Ctrl+Enter 保存</span></Typography.Text>
      </div>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'walk_in', category: 'attitude', involvedStaff: [{}] }} scrollToFirstError>
        <Card size="small" title="受理信息" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label="受理单位" name="acceptingUnitId" tooltip={isHq ? '总部可代营业部登记' : undefined}>
                <Select
                  disabled={!isHq}
                  placeholder={user.unitName}
                  allowClear
                  options={org.units.filter((u) => u.kind !== 'department' && u.active).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label="受理日" name="acceptedOn" tooltip="默认今天；补录历史投诉时选择实际受理日">
                <DatePicker style={{ width: '100%' }} placeholder="今天" />
              </Form.Item>
            </Col>
            {backdated && (
              <Col xs={24} lg={8}>
                <Form.Item label="补录原因" name="backdateReason" rules={[{ required: true, message: '补录历史受理日须说明原因' }]}>
                  <Input />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item label="受理渠道" name="channel" rules={[{ required: true, message: '请选择受理渠道' }]}>
                <Radio.Group optionType="button" options={CHANNELS.filter((c) => c !== 'online').map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
              </Form.Item>
            </Col>
            {channel === 'opinion_book' && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="意见簿页码" name={['channelDetails', 'opinionBookPage']} rules={[{ required: true, message: '请填写客户意见簿页码' }]}>
                  <Input placeholder="如：第12页" />
                </Form.Item>
              </Col>
            )}
            {channel === 'letter' && (
              <>
                <Col xs={24} md={12} lg={8}>
                  <Form.Item label="来信收到日期" name={['channelDetails', 'letterReceivedOn']} rules={[{ required: true, message: '请选择来信收到日期' }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} lg={8}>
                  <Form.Item label="来信地址" name={['channelDetails', 'senderAddress']}>
                    <Input />
                  </Form.Item>
                </Col>
              </>
            )}
            {channel === 'phone' && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="来电号码" name={['channelDetails', 'callerNumber']} rules={[{ required: true, message: '请填写来电号码' }, { pattern: PHONE, message: '号码格式不正确' }]}>
                  <Input inputMode="tel" />
                </Form.Item>
              </Col>
            )}
            {channel === 'email' && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="来件邮箱" name={['channelDetails', 'emailFrom']} rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                  <Input />
                </Form.Item>
              </Col>
            )}
            {channel === 'fax' && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="来件传真号" name={['channelDetails', 'faxNumber']}>
                  <Input />
                </Form.Item>
              </Col>
            )}
            {channel === 'regulator_transfer' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item label="转办机构" name={['channelDetails', 'regulator']} initialValue="中国证监会12386热线">
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="转办编号" name="regulatorCaseNumber" rules={[{ required: true, message: '监管转办投诉须填写转办编号' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="监管要求办结日期" name="regulatorDueOn">
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </Card>

        <Card size="small" title="客户信息" style={{ marginBottom: 12 }}>
          {related.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="repeat-warning"
              title={`该客户已有 ${related.length} 件投诉，请核实是否为重复投诉`}
              description={
                <Space orientation="vertical" size={2}>
                  {related.slice(0, 5).map((r) => (
                    <span key={r.id}>
                      <Link to={`/complaints/${r.id}`} target="_blank">{r.number}</Link> <StatusTag status={r.status} /> {r.acceptedOn} {r.reason}
                    </span>
                  ))}
                </Space>
              }
            />
          )}
          <Row gutter={16}>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="客户姓名" name="customerName" rules={[{ required: true, whitespace: true, message: '请填写客户姓名' }, { max: 100, message: '姓名不能超过100字' }]}>
                <Input autoFocus />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="联系电话" name="customerPhone" dependencies={['customerEmail', 'customerAddress']} rules={[contactRule, { pattern: PHONE, message: '电话号码格式不正确' }]}>
                <Input inputMode="tel" onBlur={checkCustomer} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="电子邮箱" name="customerEmail" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                <Input inputMode="email" onBlur={() => form.validateFields(['customerPhone']).catch(() => {})} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="联系地址" name="customerAddress">
                <Input onBlur={() => form.validateFields(['customerPhone']).catch(() => {})} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="资金账号" name="accountNumber">
                <Input onBlur={checkCustomer} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label="证件号码" name="idNumber" rules={[{ pattern: /^[0-9A-Za-z]{6,40}$/, message: '证件号码格式不正确' }]}>
                <Input onBlur={checkCustomer} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title="投诉内容" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label="投诉类别" name="category" rules={[{ required: true, message: '请选择投诉类别' }]}>
                <Radio.Group options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label="业务环节" name="businessLink">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" options={org.links.filter((l) => l.active).map((l) => ({ value: l.code, label: l.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={4}>
              <Form.Item label="发生时间" name="occurredAt">
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={4}>
              <Form.Item label="发生地点" name="location">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="投诉事由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写投诉事由' }, { max: 500, message: '投诉事由不能超过500字' }]}>
                <Input showCount maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="事情经过" name="narrative" rules={[{ required: true, whitespace: true, message: '请填写事情经过' }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>涉及人员</Typography.Text>
          <Form.List name="involvedStaff">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} align="top" style={{ marginTop: 8 }}>
                    <Col xs={11} md={8}>
                      <Form.Item name={[f.name, 'name']} style={{ marginBottom: 0 }} rules={[{ max: 50, message: '姓名过长' }]}>
                        <Input placeholder="姓名" aria-label="涉及人员姓名" />
                      </Form.Item>
                    </Col>
                    <Col xs={11} md={8}>
                      <Form.Item name={[f.name, 'position']} style={{ marginBottom: 0 }}>
                        <Input placeholder="岗位" aria-label="涉及人员岗位" />
                      </Form.Item>
                    </Col>
                    <Col xs={2}>
                      <Button type="text" aria-label="删除" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }}>添加涉及人员</Button>
              </>
            )}
          </Form.List>
          <Form.Item label="初步处理意见" name="preliminaryOpinion" style={{ marginTop: 16 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-intake">保存并受理</Button>
          <Button onClick={() => nav(-1)}>取消</Button>
        </Space>
      </Form>
    </>
  );
}
