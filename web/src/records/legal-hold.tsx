/**
 * 诉讼保全冻结: place or lift a legal hold on a complaint or an archive batch
 * (POST …/legal-hold {hold, reason}). Only HQ's legal department, head or
 * complaint managers may (legal-hold.ts assertHoldRole); a held record cannot
 * be destroyed.
 */
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { hasRole } from '../auth';
import type { User } from '../types';

/** Mirrors the server's rule so the button shows only to those who may use it. */
export const canHold = (u: User) => u.unitKind === 'hq' && hasRole(u, 'legal', 'hq_head', 'complaint_manager');

export function LegalHoldButton({ path, held, onDone, what }: { path: string; held: boolean; what: string; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST', body: { hold: !held, reason } });
      message.success(held ? `已解除${what}的诉讼保全冻结` : `${what}已冻结，冻结期间不能销毁`);
      setOpen(false);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        danger={!held}
        icon={held ? <UnlockOutlined /> : <LockOutlined />}
        data-testid="legal-hold"
        onClick={() => {
          form.resetFields();
          setError(null);
          setOpen(true);
        }}
      >
        {held ? '解除冻结' : '法律冻结'}
      </Button>
      <Modal open={open} title={held ? `解除${what}的诉讼保全冻结` : `诉讼保全冻结${what}`} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={held ? '解除冻结' : '冻结'} okButtonProps={{ loading: busy, danger: !held, 'data-testid': 'legal-hold-ok' } as any} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="原因（记入审计轨迹）" name="reason" rules={[{ required: true, whitespace: true, message: '请说明原因' }, { max: 1000 }]}>
            <Input.TextArea rows={3} placeholder={held ? '例如：诉讼已结案' : '例如：客户已起诉，证据保全'} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
