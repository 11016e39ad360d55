/** 组织机构: HQ, branches and HQ departments with their approval chains. */
import { Card, Table, Tag } from 'antd';
import { APPROVAL_ROLE_LABELS } from '../labels';
import { useOrg } from '../org';

const KIND = { hq: '经纪业务总部', branch: '营业部', department: '总部部门' } as const;

export default function OrgPage() {
  const org = useOrg();
  return (
    <>
      <div className="page-title"><h2>组织机构</h2></div>
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={org.units}
          scroll={{ x: 700 }}
          columns={[
            { title: '代码', dataIndex: 'code', width: 90 },
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kind', width: 120, render: (k: keyof typeof KIND) => KIND[k] },
            { title: '审批层级', dataIndex: 'approvalLevels', render: (l: string[]) => l.map((r, i) => <Tag key={r}>{i + 1}. {APPROVAL_ROLE_LABELS[r] ?? r}</Tag>) },
            { title: '邮箱', dataIndex: 'email', render: (e: string | null) => e ?? '—' },
            { title: '人员', key: 'n', width: 70, render: (_, u) => org.users.filter((x) => x.unitId === u.id).length },
            { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
