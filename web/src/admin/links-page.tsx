/**
 * 业务环节: the business-link taxonomy used to classify complaints and in the
 * quarterly analysis. Admins add a link or rename / disable one
 * (PUT /api/business-links/:code); a disabled link stays on old complaints
 * but is no longer offered at intake.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';
import { useOrg } from '../org';
import type { BusinessLink } from '../types';

function LinkModal({ link, open, onClose, onSaved }: { link: BusinessLink | null; open: boolean; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const code = link ? link.code : v.code.trim();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/business-links/${encodeURIComponent(code)}`, { method: 'PUT', body: { name: v.name.trim(), active: v.active } });
      message.success(`已保存：${v.name}`);
      onSaved();
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && (err.field === 'code' || err.field === 'name')) form.setFields([{ name: err.field, errors: [err.message] }]);
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={link ? `修改业务环节：${link.name}` : '新增业务环节'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'link-save' } as any}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} onValuesChange={() => setError(null)} initialValues={link ? { name: link.name, active: link.active } : { active: true }}>
        {!link && (
          <Form.Item
            label="代码"
            name="code"
            rules={[{ required: true, message: '请填写代码' }, { pattern: /^[a-z0-9_]{2,40}$/, message: '代码为 2–40 位小写字母、数字或下划线' }]}
            extra="小写字母、数字或下划线，如 stock_pledge；保存后不可修改"
          >
            <Input placeholder="stock_pledge" />
          </Form.Item>
        )}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写业务环节名称' }, { max: 50, message: '名称不超过 50 字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="启用" name="active" valuePropName="checked" extra="停用后登记时不再可选，已有投诉保持不变">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function LinksPage() {
  const org = useOrg();
  const me = useUser();
  const isAdmin = hasRole(me, 'admin');
  const [editing, setEditing] = useState<BusinessLink | 'new' | null>(null);
  return (
    <>
      <div className="page-title">
        <h2>业务环节</h2>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="link-new">
            新增业务环节
          </Button>
        )}
      </div>
      {!isAdmin && <Typography.Paragraph type="secondary">业务环节分类由系统管理员维护。</Typography.Paragraph>}
      <Card size="small">
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={org.links}
          columns={[
            { title: '代码', dataIndex: 'code', width: 180 },
            { title: '名称', dataIndex: 'name' },
            { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            ...(isAdmin
              ? [{ title: '操作', key: 'op', width: 90, render: (_: unknown, l: BusinessLink) => <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(l)}>修改</Button> }]
              : []),
          ]}
        />
      </Card>
      <LinkModal
        open={editing !== null}
        link={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          org.refresh();
        }}
      />
    </>
  );
}
