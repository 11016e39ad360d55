/**
 * The export package of an archive batch, fit for burning to disc: every
 * record form as PDF, the register as XLSX, the attachments, and a manifest
 * with the SHA-256 of every file. The package of a sealed batch is
 * deterministic — every date in it is the batch's sealed_at — so exporting the
 * same batch twice gives byte-identical files and the same manifest hash.
 * `verifyPackage` checks a package against its manifest (used by the CLI
 * `archive verify`, which can also check the manifest's own hash).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../../../domain/errors.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { loadLookups, loadRecordForm } from '../record-form/record-form.data.js';
import { addRegisterSheet, recordFormPdf } from '../record-form/record-form.render.js';

export const MANIFEST = 'manifest.json';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'complaint-archive-package/1';
  batch: { id: string; number: string; unitId: string; unitName: string; month: string; medium: string; location: string; sealedAt: string; complaintCount: number; retainUntil: string };
  createdAt: string;
  files: ManifestFile[];
  /** Attachments listed in the database whose file could not be read when the package was built. */
  missingAttachments: { complaintNumber: string; filename: string }[];
}

export const sha256 = (b: Buffer | Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Rewrite a ZIP (e.g. the XLSX ExcelJS writes, whose entries carry the build time) with every entry dated `date`, in a fixed order. */
async function fixZipDates(data: Buffer, date: Date): Promise<Buffer> {
  const src = await JSZip.loadAsync(data);
  const out = new JSZip();
  // ExcelJS writes entries in whatever order its async streams finish: fix the order too ([Content_Types].xml first, as Office writes it).
  const names = Object.keys(src.files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const f = src.files[name];
    if (f.dir) continue;
    out.file(name, await f.async('nodebuffer'), { date, binary: true, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
/** Keep names portable on disc file systems. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_').slice(0, 120);

/**
 * Build the package (read-only: call it outside any transaction). Refuses with
 * 409 when an attachment's file no longer matches the SHA-256 recorded at
 * upload. Returns the manifest's own SHA-256 for the export's audit record.
 */
export async function buildArchivePackage(ctx: AppContext, db: Trx, batchId: string): Promise<{ zip: Buffer; manifest: Manifest; manifestSha256: string }> {
  const batch = await db.selectFrom('archive_batches').innerJoin('units', 'units.id', 'archive_batches.unit_id').selectAll('archive_batches').select('units.name as unit_name').where('archive_batches.id', '=', batchId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('complaints').selectAll().where('archive_batch_id', '=', batchId).orderBy('number').execute();
  const lk = await loadLookups(db);
  const sealedAt = new Date(batch.sealed_at);
  const zip = new JSZip();
  const files: ManifestFile[] = [];
  const add = (path: string, content: Buffer) => {
    // A fixed date keeps the package's bytes independent of the build time.
    zip.file(path, content, { date: sealedAt, binary: true, createFolders: false });
    files.push({ path, size: content.length, sha256: sha256(content) });
  };
  for (const r of rows) add(`record-forms/${safeName(r.number)}.pdf`, await recordFormPdf(await loadRecordForm(db, r, lk), sealedAt));
  const wb = new ExcelJS.Workbook();
  wb.created = sealedAt;
  wb.modified = sealedAt;
  addRegisterSheet(wb, rows, lk);
  add('register.xlsx', await fixZipDates(Buffer.from(await wb.xlsx.writeBuffer()), sealedAt));
  const missingAttachments: Manifest['missingAttachments'] = [];
  if (rows.length > 0) {
    const atts = await db.selectFrom('attachments').selectAll().where('complaint_id', 'in', rows.map((r) => r.id)).where('erased_at', 'is', null).orderBy('created_at').execute();
    for (const a of atts) {
      const number = rows.find((r) => r.id === a.complaint_id)!.number;
      let content: Buffer;
      try {
        content = await readFile(join(ctx.dataDir, 'attachments', a.storage_key));
      } catch {
        missingAttachments.push({ complaintNumber: number, filename: a.filename });
        continue;
      }
      // A file that changed since upload must not be archived as if it were the evidence.
      const actual = sha256(content);
      if (actual !== a.sha256) {
        throw new AppError('CONFLICT', `投诉 ${number} 的附件「${a.filename}」与上传时的 SHA-256 不符，文件可能已被篡改，不能生成归档包`, { details: { attachmentId: a.id, complaintNumber: number, filename: a.filename, expected: a.sha256, actual } });
      }
      add(`attachments/${safeName(number)}/${a.id.slice(0, 8)}-${safeName(a.filename)}`, content);
    }
  }
  const manifest: Manifest = {
    format: 'complaint-archive-package/1',
    batch: { id: batch.id, number: batch.number, unitId: batch.unit_id, unitName: batch.unit_name, month: batch.month, medium: batch.medium, location: batch.location, sealedAt: batch.sealed_at, complaintCount: batch.complaint_count, retainUntil: batch.retain_until },
    // The seal time, not the export time: the package of a batch never changes.
    createdAt: batch.sealed_at,
    files,
    missingAttachments,
  };
  const manifestText = JSON.stringify(manifest, null, 2);
  zip.file(MANIFEST, manifestText, { date: sealedAt });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest, manifestSha256: sha256(Buffer.from(manifestText, 'utf8')) };
}

export interface VerifyProblem {
  path: string;
  problem: 'missing' | 'modified' | 'unexpected' | 'size' | 'manifest_hash';
  expected?: string;
  actual?: string;
}

export interface VerifyReport {
  ok: boolean;
  batchNumber: string | null;
  /** SHA-256 of manifest.json as stored in the package (null when unreadable). */
  manifestSha256: string | null;
  checked: number;
  total: number;
  problems: VerifyProblem[];
}

/**
 * Check every file of a package against the manifest's SHA-256; also report
 * files missing from, or added to, the package. A package without a readable
 * manifest fails as a whole.
 */
export async function verifyPackage(data: Buffer, onProgress?: (done: number, total: number) => void, expectManifestSha256?: string): Promise<VerifyReport> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (e) {
    return { ok: false, batchNumber: null, manifestSha256: null, checked: 0, total: 0, problems: [{ path: '(zip)', problem: 'modified', actual: `无法读取 ZIP：${String(e)}` }] };
  }
  const mf = zip.file(MANIFEST);
  let manifest: Manifest;
  let manifestSha256: string | null = null;
  try {
    const raw = await mf!.async('nodebuffer');
    manifestSha256 = sha256(raw);
    manifest = JSON.parse(raw.toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.files)) throw new Error('files');
  } catch {
    return { ok: false, batchNumber: null, manifestSha256, checked: 0, total: 0, problems: [{ path: MANIFEST, problem: 'missing' }] };
  }
  const problems: VerifyProblem[] = [];
  // The manifest checks the files; the hash recorded at export (audit log) checks the manifest.
  if (expectManifestSha256 && expectManifestSha256.toLowerCase() !== manifestSha256) problems.push({ path: MANIFEST, problem: 'manifest_hash', expected: expectManifestSha256.toLowerCase(), actual: manifestSha256 ?? undefined });
  const listed = new Set(manifest.files.map((f) => f.path));
  const total = manifest.files.length;
  let checked = 0;
  for (const f of manifest.files) {
    const entry = zip.file(f.path);
    if (!entry) problems.push({ path: f.path, problem: 'missing', expected: f.sha256 });
    else {
      const content = await entry.async('nodebuffer');
      const actual = sha256(content);
      if (actual !== f.sha256) problems.push({ path: f.path, problem: 'modified', expected: f.sha256, actual });
      else if (content.length !== f.size) problems.push({ path: f.path, problem: 'size', expected: String(f.size), actual: String(content.length) });
    }
    onProgress?.(++checked, total);
  }
  zip.forEach((path, entry) => {
    if (!entry.dir && path !== MANIFEST && !listed.has(path)) problems.push({ path, problem: 'unexpected' });
  });
  return { ok: problems.length === 0, batchNumber: manifest.batch?.number ?? null, manifestSha256, checked, total, problems };
}
