/** 人员与角色: list staff, create a user with roles (admin), disable or enable. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { hasRole, useUser } from '../auth';
import { ROLES, ROLE_LABELS } from '../labels';
import { clearOrgCache, loadUsers, useOrg } from '../org';
import type { StaffUser } from '../types';

export default function UsersPage() {
  const me = useUser();
  const org = useOrg();
  const { message } = App.useApp();
  const [users, setUsers] = useState<StaffUser[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const isAdmin = hasRole(me, 'admin');

  const reload = () => {
    clearOrgCache();
    loadUsers().then(setUsers).catch((e) => message.error((e as Error).message));
  };
  useEffect(() => {
    loadUsers().then(setUsers).catch(() => {});
  }, []);

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/users', { method: 'POST', body: v });
      message.success('已创建');
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <div className="page-title">
        <h2>人员与角色</h2>
        {isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建人员</Button>}
      </div>
      <Card size="small">
        <Table<StaffUser>
          size="small"
          rowKey="id"
          dataSource={users}
          scroll={{ x: 760 }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 120 },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '单位', dataIndex: 'unitId', render: (u: string) => org.unitName(u) },
            { title: '角色', dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r}</Tag>) },
            {
              title: '启用',
              key: 'en',
              width: 80,
              render: (_, u) => (
                <Switch
                  size="small"
                  checked={!u.disabled}
                  disabled={!isAdmin || u.id === me.id}
                  onChange={async (on) => {
                    try {
                      await api(`/api/users/${u.id}/disable`, { method: 'POST', body: { disabled: !on } });
                      reload();
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal open={open} title="新建人员" onOk={create} onCancel={() => setOpen(false)} okText="创建" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: '3-40 位字母、数字、下划线、点或连字符' }]}><Input /></Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}><Input /></Form.Item>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select options={org.units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="email" label="邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}><Input /></Form.Item>
          <Form.Item name="password" label="初始密码" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
