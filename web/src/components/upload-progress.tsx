/** Progress of the files being uploaded: the bar while bytes go up, then “正在处理” while the server works on them. */
import { Progress, Typography } from 'antd';

export interface Uploading {
  name: string;
  percent: number;
}

export function UploadProgress({ items, processing = '上传完成，正在处理…' }: { items: Uploading[]; processing?: string }) {
  if (items.length === 0) return null;
  return (
    <div data-testid="upload-progress" style={{ margin: '8px 0' }}>
      {items.map((u) => (
        <div key={u.name}>
          <Typography.Text ellipsis style={{ maxWidth: '100%', fontSize: 12 }}>
            {u.name}
            {u.percent >= 100 ? `：${processing}` : ''}
          </Typography.Text>
          <Progress percent={u.percent} size="small" status={u.percent >= 100 ? 'active' : 'normal'} />
        </div>
      ))}
    </div>
  );
}
