/**
 * Attachment files on disk under DATA_DIR/attachments/<storage_key>. An upload
 * is streamed to a staging file while its SHA-256 is computed and its first
 * bytes checked, then moved to its final key; rows are only written once every
 * file of the request is safely on disk, and files are removed again if the
 * transaction fails.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { invalid } from '../../domain/errors.js';
import type { AppContext } from '../../server/context.js';
import { describeKinds, kindFor, type FileKind } from './attachment-types.js';

export interface UploadLimits {
  maxFiles: number;
  maxBytes: number;
  kinds: readonly FileKind[];
}

export interface StagedFile {
  /** Final id of the attachment row; also the file name on disk. */
  id: string;
  path: string;
  filename: string;
  kind: FileKind;
  size: number;
  sha256: string;
}

/** Absolute path of a stored attachment. */
export function attachmentPath(ctx: AppContext, storageKey: string): string {
  return join(ctx.dataDir, 'attachments', storageKey);
}

/** Storage key of a new attachment: one folder per complaint. */
export function storageKeyFor(complaintId: string, attachmentId: string): string {
  return `${complaintId}/${attachmentId}`;
}

/** Keep only a plain, printable file name (no folders, no control characters), at most 200 characters. */
export function cleanFilename(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const name = basename(raw.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (name.length <= 200) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
}

const MB = 1024 * 1024;

/** Translate multipart's own limit errors into 400s naming the field. */
function uploadError(e: unknown, limits: UploadLimits): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return invalid('file', `一次最多上传 ${limits.maxFiles} 个文件`);
  if (code === 'FST_REQ_FILE_TOO_LARGE') return invalid('file', `单个文件不能超过 ${limits.maxBytes / MB} MB`);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return invalid('file', '请以 multipart/form-data 方式上传文件');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return invalid('file', '表单字段过多');
  return e;
}

/**
 * Read a multipart request: every file part into a staging file under
 * `<dataDir>/attachments/tmp/`, plain fields into `fields`. On any refusal the
 * staged files are removed before the error is thrown.
 */
export async function receiveUpload(ctx: AppContext, req: FastifyRequest, limits: UploadLimits): Promise<{ files: StagedFile[]; fields: Record<string, string> }> {
  const dir = join(ctx.dataDir, 'attachments', 'tmp');
  const files: StagedFile[] = [];
  const fields: Record<string, string> = {};
  try {
    await mkdir(dir, { recursive: true });
    const parts = req.parts({ limits: { files: limits.maxFiles, fileSize: limits.maxBytes, fields: 20, fieldSize: 10_000, parts: limits.maxFiles + 20 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const filename = cleanFilename(part.filename ?? '');
      const kind = kindFor(filename, limits.kinds);
      if (!filename || !kind) {
        part.file.resume();
        throw invalid('file', `不支持的文件类型「${filename || '(无文件名)'}」，仅支持 ${describeKinds(limits.kinds)}`);
      }
      const id = randomUUID();
      const path = join(dir, `${id}.part`);
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          done(null, chunk);
        },
      });
      files.push({ id, path, filename, kind, size: 0, sha256: '' });
      await pipeline(part.file, tap, createWriteStream(path));
      if (part.file.truncated) throw invalid('file', `文件「${filename}」超过 ${limits.maxBytes / MB} MB`);
      if (size === 0) throw invalid('file', `文件「${filename}」是空文件`);
      if (!kind.sniff(head)) throw invalid('file', `文件「${filename}」的内容与扩展名 .${kind.ext} 不符`);
      Object.assign(files[files.length - 1], { size, sha256: hash.digest('hex') });
    }
  } catch (e) {
    await discard(files);
    throw uploadError(e, limits);
  }
  return { files, fields };
}

/** Move staged files to their final keys (same file system, so a rename). */
export async function commitFiles(ctx: AppContext, complaintId: string, files: StagedFile[]): Promise<void> {
  if (files.length > 0) await mkdir(join(ctx.dataDir, 'attachments', complaintId), { recursive: true });
  for (const f of files) {
    const key = storageKeyFor(complaintId, f.id);
    await rename(f.path, attachmentPath(ctx, key));
    f.path = attachmentPath(ctx, key);
  }
}

/** Remove staged or committed files of a failed upload. */
export async function discard(files: StagedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(f.path, { force: true })));
}

/** Refuse an upload with no file in it. */
export function requireFiles(files: StagedFile[]): void {
  if (files.length === 0) throw invalid('file', '请选择要上传的文件');
}
