/**
 * 系统设置: the company settings (deadline rules, retention, hotspot threshold)
 * from GET /api/settings, editable by an administrator or the HQ head with a
 * recorded reason (PUT /api/settings; changed deadline rules recompute open complaints).
 */
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { hasRole, useUser } from '../auth';

interface Def {
  default: number;
  min: number;
  max: number;
  label: string;
}
interface SettingsAnswer {
  values: Record<string, number>;
  definitions: Record<string, Def>;
}

export default function SettingsPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [data, setData] = useState<SettingsAnswer | null>(null);
  const [missing, setMissing] = useState(false);
  const [health, setHealth] = useState<{ status: string; database: string } | null>(null);
  const canEdit = hasRole(user, 'admin', 'hq_head');

  const load = () =>
    api<SettingsAnswer>('/api/settings')
      .then((r) => {
        setData(r);
        form.setFieldsValue(r.values);
      })
      .catch((e) => e instanceof ApiError && e.status === 404 && setMissing(true));
  useEffect(() => {
    load();
    api<{ status: string; database: string }>('/api/health').then(setHealth).catch(() => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async (v: Record<string, number | string>) => {
    try {
      await api('/api/settings', { method: 'PUT', body: v });
      message.success('设置已保存（期限规则变化时已重算未结投诉的期限）');
      form.setFieldValue('reason', '');
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <div className="page-title"><h2>系统设置</h2></div>
      {missing && <Alert type="info" showIcon title="设置服务尚未启用" style={{ marginBottom: 12 }} />}
      {data && (
        <Card size="small" title="期限规则与保管期限">
          <Form form={form} layout="vertical" onFinish={save} disabled={!canEdit}>
            <Row gutter={16}>
              {Object.entries(data.definitions).map(([name, def]) => (
                <Col xs={24} sm={12} lg={8} key={name}>
                  <Form.Item label={def.label} name={name} extra={`默认 ${def.default}，范围 ${def.min}–${def.max}`} rules={[{ required: true, type: 'number', min: def.min, max: def.max, message: `须为 ${def.min}–${def.max} 的整数` }]}>
                    <InputNumber min={def.min} max={def.max} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {canEdit && (
              <Row gutter={16} align="bottom">
                <Col xs={24} md={16}>
                  <Form.Item label="修改原因（记入审计轨迹）" name="reason" rules={[{ required: true, whitespace: true, message: '请填写修改原因' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item>
                    <Button type="primary" htmlType="submit" block>保存</Button>
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Form>
        </Card>
      )}
      <Card size="small" title="运行状态" style={{ marginTop: 12 }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="服务">{health?.status ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="数据库">{health?.database ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="接口文档"><a href="/api/docs" target="_blank" rel="noreferrer">/api/docs</a></Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
