/**
 * 修改密码 (POST /api/auth/password). The server ends the user's other
 * sessions and replaces this one's cookie, so the user stays signed in here.
 */
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { showFieldError } from '../components/form-errors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    setError(null);
    try {
      await api('/api/auth/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      message.success('密码已修改，其他设备上的登录已退出');
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showFieldError(form, e, ['currentPassword', 'newPassword'])) setError(e instanceof ApiError ? e.message : '修改失败，请重试');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={submit}
      okText="确认修改"
      confirmLoading={saving}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'password-ok' } as any}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少 8 位，须同时包含字母和数字。修改后其他设备上的登录将退出。"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 8, message: '密码至少 8 位' },
            { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="password-error" />}
      </Form>
    </Modal>
  );
}
