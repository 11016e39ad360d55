/** 业务环节: the business-link taxonomy used to classify complaints and in the quarterly analysis. */
import { Card, Table, Tag } from 'antd';
import { useOrg } from '../org';

export default function LinksPage() {
  const org = useOrg();
  return (
    <>
      <div className="page-title"><h2>业务环节</h2></div>
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
          ]}
        />
      </Card>
    </>
  );
}
