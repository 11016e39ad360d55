/**
 * Attachments of a complaint (scanned letters, photos, audio):
 * POST/GET /api/complaints/:id/attachments, download from /api/attachments/:id.
 * While the attachments API is not deployed the panel says so instead of failing.
 */
import { InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, List, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, upload } from '../api';
import { fmtTime } from '../labels';
import { UploadProgress, type Uploading } from './upload-progress';

interface Attachment {
  id: string;
  filename?: string;
  fileName?: string;
  name?: string;
  size?: number;
  contentType?: string;
  uploadedAt?: string;
  createdAt?: string;
}

const nameOf = (a: Attachment) => a.filename ?? a.fileName ?? a.name ?? a.id;
const kb = (n?: number) => (n === undefined ? '' : n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function AttachmentsPanel({ complaintId, canUpload = true }: { complaintId: string; canUpload?: boolean }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[]>([]);
  const [missing, setMissing] = useState(false);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const load = useCallback(() => {
    api<{ items: Attachment[] } | Attachment[]>(`/api/complaints/${complaintId}/attachments`)
      .then((r) => setItems(Array.isArray(r) ? r : (r.items ?? [])))
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404 && e.message.includes('/attachments')) setMissing(true);
      });
  }, [complaintId]);
  useEffect(load, [load]);

  if (missing) return <Typography.Text type="secondary">附件服务尚未启用。</Typography.Text>;
  return (
    <>
      {canUpload && (
        <Upload.Dragger
          multiple
          showUploadList={false}
          accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.mp3,.m4a,.wav,.docx,.xlsx"
          customRequest={async ({ file, onSuccess, onError }) => {
            const name = (file as File).name;
            const fd = new FormData();
            fd.append('file', file as File);
            const progress = (percent: number) => setUploading((list) => [...list.filter((u) => u.name !== name), { name, percent }]);
            progress(0);
            try {
              const r = await upload(`/api/complaints/${complaintId}/attachments`, fd, { onProgress: progress });
              onSuccess?.(r);
              message.success(`已上传：${name}`);
              load();
            } catch (e) {
              onError?.(e as Error);
              message.error(`上传失败：${(e as Error).message}`);
            } finally {
              setUploading((list) => list.filter((u) => u.name !== name));
            }
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖拽文件到此处上传（扫描件、照片、录音）</p>
          <p className="muted" style={{ fontSize: 12 }}>支持 PDF、JPG、PNG、TIFF、MP3、M4A、WAV、DOCX、XLSX，单个不超过 20 MB</p>
        </Upload.Dragger>
      )}
      <UploadProgress items={uploading} />
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(a) => (
          <List.Item>
            <a href={`/api/attachments/${a.id}?inline=true`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {nameOf(a)}</a>
            <span className="muted">{kb(a.size)} {fmtTime(a.uploadedAt ?? a.createdAt)}</span>
          </List.Item>
        )}
      />
    </>
  );
}
