/**
 * 组织机构: HQ, branches and HQ departments with their approval chains.
 * Admins add a branch or department (POST /api/units) and change a unit's
 * name, email, approval chain or state (PATCH /api/units/:id); everyone else
 * reads. A chain change applies to submissions made after it.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { APPROVAL_ROLE_LABELS } from '../labels';
import { useOrg } from '../org';
import type { Unit } from '../types';

const KIND = { hq: '经纪业务总部', branch: '营业部', department: '总部部门' } as const;
const LEVELS = ['branch_head', 'hq_head', 'company_leader'] as const;

/** The approval chain picker: the order of selection is the order of approval. */
function LevelsSelect(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  return (
    <Select
      {...props}
      mode="multiple"
      placeholder="按审批顺序依次选择"
      options={LEVELS.map((l) => ({ value: l, label: APPROVAL_ROLE_LABELS[l] }))}
      labelRender={(o) => `${(props.value ?? []).indexOf(String(o.value)) + 1}. ${o.label}`}
    />
  );
}

function UnitModal({ unit, open, onClose, onSaved }: { unit: Unit | null; open: boolean; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = (Form.useWatch('kind', form) as string | undefined) ?? unit?.kind;

  const save = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (unit) {
        await api(`/api/units/${unit.id}`, { method: 'PATCH', body: { name: v.name.trim(), email: v.email?.trim() || null, approvalLevels: v.approvalLevels ?? [], active: v.active } });
        message.success(`已保存：${v.name}`);
      } else {
        await api('/api/units', { method: 'POST', body: { code: v.code.trim(), name: v.name.trim(), kind: v.kind, email: v.email?.trim() || undefined, approvalLevels: v.approvalLevels ?? [] } });
        message.success(`已新建：${v.name}`);
      }
      onSaved();
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.field && err.field !== 'body') form.setFields([{ name: err.field, errors: [err.message] }]);
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={unit ? `修改单位：${unit.name}` : '新建单位'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'unit-save' } as any}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="unit-error" />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onValuesChange={() => setError(null)}
        initialValues={unit ? { name: unit.name, email: unit.email ?? undefined, approvalLevels: unit.approvalLevels, active: unit.active } : { kind: 'branch', approvalLevels: ['branch_head', 'hq_head'] }}
      >
        {!unit && (
          <>
            <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[{ value: 'branch', label: '营业部' }, { value: 'department', label: '总部部门' }]}
                onChange={(e) => form.setFieldValue('approvalLevels', e.target.value === 'branch' ? ['branch_head', 'hq_head'] : [])}
              />
            </Form.Item>
            <Form.Item label="单位代码" name="code" rules={[{ required: true, message: '请填写单位代码' }, { pattern: /^[A-Za-z0-9-]{2,20}$/, message: '单位代码为 2–20 位字母、数字或连字符' }]} extra="用于投诉编号，如 B03；保存后不可修改">
              <Input placeholder="B03" />
            </Form.Item>
          </>
        )}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="投诉邮箱" name="email" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
          <Input placeholder="可选" />
        </Form.Item>
        <Form.Item
          label="审批层级"
          name="approvalLevels"
          rules={kind === 'branch' ? [{ required: true, type: 'array', min: 1, message: '营业部至少需要一个审批层级' }] : []}
          extra={unit ? '修改只影响此后提交审批的投诉；审批中的投诉按原审批链办理' : '按审批顺序选择，如：营业部负责人 → 经纪业务总部负责人 → 公司分管领导'}
        >
          <LevelsSelect />
        </Form.Item>
        {unit && unit.kind !== 'hq' && (
          <Form.Item label="启用" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function OrgPage() {
  const org = useOrg();
  const me = useUser();
  const isAdmin = hasRole(me, 'admin');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  return (
    <>
      <div className="page-title">
        <h2>组织机构</h2>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-new">
            新建营业部 / 部门
          </Button>
        )}
      </div>
      {!isAdmin && <Typography.Paragraph type="secondary">组织机构由系统管理员维护。</Typography.Paragraph>}
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={org.units}
          scroll={{ x: 760 }}
          columns={[
            { title: '代码', dataIndex: 'code', width: 90 },
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kind', width: 110, render: (k: keyof typeof KIND) => KIND[k] },
            { title: '审批层级', dataIndex: 'approvalLevels', render: (l: string[]) => (l.length ? l.map((r, i) => <Tag key={r}>{i + 1}. {APPROVAL_ROLE_LABELS[r] ?? r}</Tag>) : <span className="muted">—</span>) },
            { title: '邮箱', dataIndex: 'email', render: (e: string | null) => e ?? '—' },
            { title: '人员', key: 'n', width: 60, render: (_, u) => org.users.filter((x) => x.unitId === u.id).length },
            { title: '状态', dataIndex: 'active', width: 70, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            ...(isAdmin
              ? [{ title: '操作', key: 'op', width: 80, render: (_: unknown, u: Unit) => <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid={`unit-edit-${u.code}`}>修改</Button> }]
              : []),
          ]}
        />
      </Card>
      <UnitModal
        open={editing !== null}
        unit={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          org.refresh();
        }}
      />
    </>
  );
}
