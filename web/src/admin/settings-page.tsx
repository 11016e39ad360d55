/** 系统设置: the deadline rules and system facts in force (read-only here; changed through the CLI and configuration). */
import { Card, Descriptions } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';

export default function SettingsPage() {
  const [health, setHealth] = useState<{ status: string; database: string } | null>(null);
  useEffect(() => {
    api<{ status: string; database: string }>('/api/health').then(setHealth).catch(() => {});
  }, []);
  return (
    <>
      <div className="page-title"><h2>系统设置</h2></div>
      <Card size="small" title="办理期限规则">
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="调查核实、拟订处理意见">受理日（含当日）起 3 个工作日内</Descriptions.Item>
          <Descriptions.Item label="反馈投诉人">受理日（含当日）起 4 个工作日内</Descriptions.Item>
          <Descriptions.Item label="传递记录表">受理当日</Descriptions.Item>
          <Descriptions.Item label="营业部月报">次月前 3 个交易日内</Descriptions.Item>
          <Descriptions.Item label="档案保管期限">5 年</Descriptions.Item>
        </Descriptions>
      </Card>
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
