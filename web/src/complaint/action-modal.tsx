/**
 * One modal per workflow action, each with the form the action needs
 * (transfer → manager; submit → findings, outcome class, opinion, measures;
 * approve/reject → comment; feedback; callback...). The server validates
 * again; its field errors are shown on the matching form field.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { requiredOutcome } from '../../../src/domain/draft.js';
import { api, ApiError } from '../api';
import { CheckedTextArea } from '../components/phrase-check';
import { ACTION_LABELS, FEEDBACK_METHODS, NO_FAULT_REASONS, NO_FAULT_REASON_LABELS, OUTCOME_CLASSES, OUTCOME_LABELS, SATISFACTION, SATISFACTION_LABELS, type Action } from '../labels';
import type { Org } from '../org';
import type { Complaint } from '../types';
import { fillTemplate, loadTemplates, openPlaceholders, type ResponseTemplate } from './templates';

/** Actions that need no input beyond a confirmation. */
const CONFIRM_ONLY: Action[] = ['start_rectification', 'request_verification'];

function toNamePath(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

export function MeasuresList({ name, label }: { name: string; label: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((f) => (
            <Row gutter={8} key={f.key} style={{ marginTop: 8 }}>
              <Col xs={24} md={12}>
                <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: '请填写整改措施内容' }]} style={{ marginBottom: 4 }}>
                  <Input placeholder="整改措施" aria-label="整改措施" />
                </Form.Item>
              </Col>
              <Col xs={10} md={5}>
                <Form.Item name={[f.name, 'owner']} rules={[{ required: true, whitespace: true, message: '请填写责任人' }]} style={{ marginBottom: 4 }}>
                  <Input placeholder="责任人" aria-label="整改责任人" />
                </Form.Item>
              </Col>
              <Col xs={11} md={6}>
                <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请选择期限' }]} style={{ marginBottom: 4 }}>
                  <DatePicker placeholder="整改期限" style={{ width: '100%' }} aria-label="整改期限" />
                </Form.Item>
              </Col>
              <Col xs={3} md={1}>
                <Button type="text" aria-label="删除" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <div>
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ dueOn: dayjs().add(10, 'day') })} style={{ margin: '8px 0 16px' }}>
              添加整改措施
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}

/**
 * The handling fields of the submit form. With `draft` the top-level fields
 * are optional (a draft may be partial); measure rows still need all three parts.
 */
export function SubmitFields({ outcome, org, draft = false }: { outcome?: string; org: Org; draft?: boolean }) {
  const req = !draft;
  const departments = org.units.filter((u) => u.kind === 'department').map((u) => ({ value: u.name, label: u.name }));
  return (
    <>
      <Form.Item label="调查核实情况" name="findings" rules={[{ required: req, whitespace: true, message: '请填写调查核实情况' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item label="责任认定" name="outcomeClass" rules={[{ required: req, message: '请选择责任认定类别' }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={OUTCOME_CLASSES.map((o, i) => ({ value: o, label: `${i + 1}. ${OUTCOME_LABELS[o]}` }))} />
      </Form.Item>
      {outcome === 'no_fault' && (
        <Form.Item label="无责任原因" name="noFaultReason" rules={[{ required: req, message: '请说明无责任的原因' }]}>
          <Radio.Group options={NO_FAULT_REASONS.map((r) => ({ value: r, label: NO_FAULT_REASON_LABELS[r] }))} />
        </Form.Item>
      )}
      <Form.Item label="处理意见" name="handlingOpinion" rules={[{ required: req, whitespace: true, message: '请填写处理意见' }]}>
        <CheckedTextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <MeasuresList name="rectifications" label={outcome === 'no_fault' ? '整改措施（可无）' : '整改措施'} />
      {(outcome === 'serious_fault' || outcome === 'partial_fault') && (
        <Form.List name="accountabilityActions">
          {(fields, { add, remove }) => (
            <>
              <Typography.Text strong>责任人处理</Typography.Text>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} style={{ marginTop: 8 }}>
                  <Col xs={9} md={7}>
                    <Form.Item name={[f.name, 'person']} rules={[{ required: true, whitespace: true, message: '请填写责任人' }]} style={{ marginBottom: 4 }}>
                      <Input placeholder="责任人" aria-label="责任人" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={16}>
                    <Form.Item name={[f.name, 'measure']} rules={[{ required: true, whitespace: true, message: '请填写处理措施' }]} style={{ marginBottom: 4 }}>
                      <Input placeholder="处理措施（如通报批评、扣减绩效）" aria-label="处理措施" />
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={1}>
                    <Button type="text" aria-label="删除" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <div>
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()} style={{ margin: '8px 0 16px' }}>添加责任人处理</Button>
              </div>
            </>
          )}
        </Form.List>
      )}
      {outcome === 'beyond_authority' && (
        <Form.Item label="需配合的总部部门" name="coordinationDepartments" rules={[{ required: req, type: 'array', min: 1, message: '请填写需配合的总部部门' }]}>
          <Select mode="tags" options={departments} placeholder="选择或输入部门" />
        </Form.Item>
      )}
    </>
  );
}

function CallbackFields({ action }: { action: Action }) {
  return (
    <>
      <Form.Item label="客户满意度" name={['callback', 'satisfaction']} rules={[{ required: true, message: '请选择客户满意度' }]}>
        <Radio.Group options={SATISFACTION.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item label="整改是否落实" name={['callback', 'rectificationDone']} rules={[{ required: true, message: '请选择是或否' }]}>
            <Radio.Group options={yesNo} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="整改是否有效" name={['callback', 'rectificationEffective']} rules={[{ required: true, message: '请选择是或否' }]}>
            <Radio.Group options={yesNo} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label="处理是否得当" name={['callback', 'handlingProper']} rules={[{ required: true, message: '请选择是或否' }]}>
            <Radio.Group options={yesNo} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="回访说明" name={['callback', 'note']}>
        <CheckedTextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="回访时间、方式、客户意见；客户不满意但处理得当时请说明解释情况" />
      </Form.Item>
      {action === 'rerectify' && <MeasuresList name="measures" label="新的整改措施" />}
    </>
  );
}

const OUTCOME_ACTION_LABEL = { close: '办结', rerectify: '重新整改', rehandle: '重新处理' } as const;

export interface ActionModalProps {
  action: Action | null;
  complaint: Complaint;
  org: Org;
  onClose(): void;
  onDone(c: Complaint): void;
  /** Someone else changed the complaint meanwhile: the page reloads it so the form shows fresh data. */
  onStale?(): void;
}

export function ActionModal({ action, complaint: c, org, onClose, onDone, onStale }: ActionModalProps) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcomeClass', form) as string | undefined;
  const callback = Form.useWatch('callback', form) as Record<string, unknown> | undefined;
  const [templates, setTemplates] = useState<ResponseTemplate[]>([]);

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    if (action === 'submit') {
      const round = c.rectifications.filter((m) => m.round === c.round);
      form.setFieldsValue({
        findings: c.investigation.findings ?? undefined,
        outcomeClass: c.investigation.outcomeClass ?? undefined,
        noFaultReason: c.investigation.noFaultReason ?? undefined,
        handlingOpinion: c.handlingOpinion ?? undefined,
        rectifications: round.map((m) => ({ description: m.description, owner: m.owner, dueOn: dayjs(m.dueOn) })),
        accountabilityActions: c.accountabilityActions.filter((a) => a.round === c.round).map((a) => ({ person: a.person, measure: a.measure })),
        coordinationDepartments: c.coordinationDepartments,
      });
    }
    if (action === 'give_feedback') {
      form.setFieldsValue({ feedback: { method: '电话', content: c.handlingOpinion ?? '' } });
      // Prefill from the response template of the complaint's outcome class, with the customer and the matter filled in.
      let alive = true;
      loadTemplates()
        .then((items) => {
          if (!alive) return;
          setTemplates(items);
          // Never overwrite what the user has started typing while the templates loaded.
          if (form.isFieldTouched(['feedback', 'content'])) return;
          const t = items.find((x) => x.outcomeClass === c.investigation.outcomeClass);
          if (t) form.setFieldsValue({ template: t.outcomeClass, feedback: { content: fillTemplate(t.text, c) } });
        })
        .catch(() => {});
      return () => {
        alive = false;
      };
    }
  }, [action, c, form]);

  const managers = useMemo(() => org.users.filter((u) => u.roles.includes('complaint_manager') && !u.disabled), [org.users]);
  const openMeasures = c.rectifications.filter((m) => m.round === c.round && !m.doneAt);
  const openTasks = c.coordinationTasks.filter((t) => !t.doneAt);
  const suggested = useMemo(() => {
    if (!callback || typeof callback.rectificationDone !== 'boolean' || typeof callback.rectificationEffective !== 'boolean' || typeof callback.handlingProper !== 'boolean' || !callback.satisfaction) return null;
    return requiredOutcome(callback as never);
  }, [callback]);

  const run = async () => {
    if (!action) return;
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const date = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
    const measures = (list: any[] | undefined) => (list ?? []).map((m) => ({ description: m.description.trim(), owner: m.owner.trim(), dueOn: date(m.dueOn) }));
    let body: Record<string, unknown> = { version: c.version };
    switch (action) {
      case 'transfer':
        body.managerId = v.managerId || undefined;
        break;
      case 'reassign':
        body.unitId = v.unitId;
        break;
      case 'submit':
        body = {
          ...body,
          findings: v.findings,
          outcomeClass: v.outcomeClass,
          noFaultReason: v.outcomeClass === 'no_fault' ? v.noFaultReason : null,
          handlingOpinion: v.handlingOpinion,
          rectifications: measures(v.rectifications),
          accountabilityActions: v.outcomeClass === 'serious_fault' || v.outcomeClass === 'partial_fault' ? (v.accountabilityActions ?? []) : [],
          coordinationDepartments: v.outcomeClass === 'beyond_authority' ? (v.coordinationDepartments ?? []) : [],
        };
        break;
      case 'approve':
      case 'reject':
        body.comment = v.comment?.trim() || undefined;
        break;
      case 'give_feedback':
        body.feedback = { content: v.feedback.content, method: v.feedback.method, customerReaction: v.feedback.customerReaction || undefined };
        break;
      case 'complete_measure':
        body.measureId = v.measureId;
        body.note = v.note || undefined;
        break;
      case 'complete_coordination':
        body.taskId = v.taskId;
        body.note = v.note || undefined;
        break;
      case 'close':
      case 'rerectify':
      case 'rehandle':
        body.callback = { ...v.callback, note: v.callback.note || undefined };
        if (action === 'rerectify') body.measures = measures(v.measures);
        break;
      case 'withdraw':
      case 'flag_malicious':
        body.reason = v.reason;
        break;
      case 'legal_review':
        body.opinion = v.opinion;
        break;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Complaint>(`/api/complaints/${c.id}/actions/${action}`, { method: 'POST', body });
      message.success(`${ACTION_LABELS[action]}：已完成`);
      onDone(updated);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.field) {
        try {
          form.setFields([{ name: toNamePath(err.field) as any, errors: [err.message] }]);
        } catch {
          /* field not on this form */
        }
      }
      setError(err.message);
      if (err instanceof ApiError && err.code === 'STALE') onStale?.();
    } finally {
      setBusy(false);
    }
  };

  const title = action ? ACTION_LABELS[action] : '';
  return (
    <Modal
      open={!!action}
      title={title}
      onCancel={onClose}
      onOk={run}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={action === 'submit' || action === 'rerectify' ? 860 : 600}
      okButtonProps={{ danger: action === 'reject' || action === 'withdraw' || action === 'flag_malicious', 'data-testid': 'action-ok' } as any}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={run}>
        {action && CONFIRM_ONLY.includes(action) && (
          <Typography.Paragraph>
            {action === 'start_rectification' ? `确认开始落实 ${openMeasures.length} 项整改措施？` : '确认所有整改措施和协调事项均已完成，提请回访验证？'}
          </Typography.Paragraph>
        )}
        {action === 'transfer' && (
          <Form.Item label="投诉管理人员" name="managerId" extra="不选择时：本人为投诉管理人员则由本人办理，否则交本单位投诉管理人员">
            <Select allowClear options={managers.filter((m) => m.unitId === c.handlingUnitId).map((m) => ({ value: m.id, label: m.displayName }))} placeholder="默认" />
          </Form.Item>
        )}
        {action === 'reassign' && (
          <Form.Item label="负责核查的营业部" name="unitId" rules={[{ required: true, message: '请选择负责核查的营业部' }]}>
            <Select options={org.units.filter((u) => u.kind === 'branch' && u.active).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        {action === 'submit' && <SubmitFields outcome={outcome} org={org} />}
        {(action === 'approve' || action === 'reject') && (
          <Form.Item label="审批意见" name="comment" rules={action === 'reject' ? [{ required: true, whitespace: true, message: '退回时须填写审批意见' }] : []}>
            <CheckedTextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={action === 'approve' ? '同意' : '请说明退回原因'} />
          </Form.Item>
        )}
        {action === 'give_feedback' && (
          <>
            <Form.Item label="反馈方式" name={['feedback', 'method']} rules={[{ required: true, message: '请选择反馈方式' }]}>
              <Radio.Group options={FEEDBACK_METHODS} />
            </Form.Item>
            {templates.length > 0 && (
              <Form.Item label="答复模板" name="template" extra="按责任认定类别预填；已填入客户姓名和投诉事由，请补全其余｛…｝内容">
                <Select
                  allowClear
                  placeholder="选择模板"
                  options={templates.map((t) => ({ value: t.outcomeClass, label: t.label }))}
                  onChange={(v?: string) => {
                    const t = templates.find((x) => x.outcomeClass === v);
                    if (t) form.setFieldsValue({ feedback: { content: fillTemplate(t.text, c) } });
                  }}
                />
              </Form.Item>
            )}
            <Form.Item
              label="反馈内容"
              name={['feedback', 'content']}
              rules={[
                { required: true, whitespace: true, message: '请填写反馈给客户的内容' },
                { validator: async (_, v?: string) => { const open = openPlaceholders(v); if (open.length) throw new Error(`请补全模板中的：${open.map((p) => `{${p}}`).join('、')}`); } },
              ]}
              extra="输入时即检查禁用语（如“不可能”“责任不在证券公司”），发送前服务器会再次检查"
            >
              <CheckedTextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="feedback-content" />
            </Form.Item>
            <Form.Item label="客户反应" name={['feedback', 'customerReaction']}>
              <Input />
            </Form.Item>
          </>
        )}
        {action === 'complete_measure' && (
          <>
            <Form.Item label="整改措施" name="measureId" rules={[{ required: true, message: '请选择整改措施' }]} initialValue={openMeasures[0]?.id}>
              <Select options={openMeasures.map((m) => ({ value: m.id, label: `${m.description}（${m.owner}，${m.dueOn}）` }))} />
            </Form.Item>
            <Form.Item label="完成情况说明" name="note">
              <CheckedTextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {action === 'complete_coordination' && (
          <>
            <Form.Item label="协调事项" name="taskId" rules={[{ required: true, message: '请选择协调事项' }]} initialValue={openTasks[0]?.id}>
              <Select options={openTasks.map((t) => ({ value: t.id, label: t.department }))} />
            </Form.Item>
            <Form.Item label="说明" name="note">
              <CheckedTextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {action && ['close', 'rerectify', 'rehandle'].includes(action) && (
          <>
            <CallbackFields action={action} />
            {suggested && (
              <Alert
                type={suggested === action ? 'success' : 'warning'}
                showIcon
                title={suggested === action ? `回访结果与「${OUTCOME_ACTION_LABEL[suggested]}」一致` : `根据回访结果，应当「${OUTCOME_ACTION_LABEL[suggested]}」`}
              />
            )}
          </>
        )}
        {(action === 'withdraw' || action === 'flag_malicious') && (
          <Form.Item label={action === 'withdraw' ? '撤回原因' : '判定为恶意投诉的理由'} name="reason" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
            <CheckedTextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {action === 'legal_review' && (
          <Form.Item label="法律部门意见" name="opinion" rules={[{ required: true, whitespace: true, message: '请填写法律部门意见' }]}>
            <CheckedTextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
