/**
 * The export package of an archive batch, fit for burning to disc: every
 * record form as PDF, the register as XLSX, the attachments, and a manifest
 * with the SHA-256 of every file. `verifyPackage` checks a package against
 * its manifest (used by the CLI `archive verify`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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

const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Keep names portable on disc file systems. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_').slice(0, 120);

export async function buildArchivePackage(ctx: AppContext, db: Trx, batchId: string): Promise<{ zip: Buffer; manifest: Manifest }> {
  const batch = await db.selectFrom('archive_batches').innerJoin('units', 'units.id', 'archive_batches.unit_id').selectAll('archive_batches').select('units.name as unit_name').where('archive_batches.id', '=', batchId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('complaints').selectAll().where('archive_batch_id', '=', batchId).orderBy('number').execute();
  const lk = await loadLookups(db);
  const now = ctx.clock.now();
  const zip = new JSZip();
  const files: ManifestFile[] = [];
  const add = (path: string, content: Buffer) => {
    // A fixed date keeps the package's bytes independent of the build time.
    zip.file(path, content, { date: new Date(batch.sealed_at), binary: true });
    files.push({ path, size: content.length, sha256: sha256(content) });
  };
  for (const r of rows) add(`record-forms/${safeName(r.number)}.pdf`, await recordFormPdf(await loadRecordForm(db, r, lk), new Date(batch.sealed_at)));
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(batch.sealed_at);
  addRegisterSheet(wb, rows, lk);
  add('register.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const missingAttachments: Manifest['missingAttachments'] = [];
  if (rows.length > 0) {
    const atts = await db.selectFrom('attachments').selectAll().where('complaint_id', 'in', rows.map((r) => r.id)).where('erased_at', 'is', null).orderBy('created_at').execute();
    for (const a of atts) {
      const number = rows.find((r) => r.id === a.complaint_id)!.number;
      try {
        add(`attachments/${safeName(number)}/${a.id.slice(0, 8)}-${safeName(a.filename)}`, await readFile(join(ctx.dataDir, 'attachments', a.storage_key)));
      } catch {
        missingAttachments.push({ complaintNumber: number, filename: a.filename });
      }
    }
  }
  const manifest: Manifest = {
    format: 'complaint-archive-package/1',
    batch: { id: batch.id, number: batch.number, unitId: batch.unit_id, unitName: batch.unit_name, month: batch.month, medium: batch.medium, location: batch.location, sealedAt: batch.sealed_at, complaintCount: batch.complaint_count, retainUntil: batch.retain_until },
    createdAt: now.toISOString(),
    files,
    missingAttachments,
  };
  zip.file(MANIFEST, JSON.stringify(manifest, null, 2), { date: new Date(batch.sealed_at) });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest };
}

export interface VerifyProblem {
  path: string;
  problem: 'missing' | 'modified' | 'unexpected' | 'size';
  expected?: string;
  actual?: string;
}

export interface VerifyReport {
  ok: boolean;
  batchNumber: string | null;
  checked: number;
  total: number;
  problems: VerifyProblem[];
}

/**
 * Check every file of a package against the manifest's SHA-256; also report
 * files missing from, or added to, the package. A package without a readable
 * manifest fails as a whole.
 */
export async function verifyPackage(data: Buffer, onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (e) {
    return { ok: false, batchNumber: null, checked: 0, total: 0, problems: [{ path: '(zip)', problem: 'modified', actual: `无法读取 ZIP：${String(e)}` }] };
  }
  const mf = zip.file(MANIFEST);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await mf!.async('string')) as Manifest;
    if (!Array.isArray(manifest.files)) throw new Error('files');
  } catch {
    return { ok: false, batchNumber: null, checked: 0, total: 0, problems: [{ path: MANIFEST, problem: 'missing' }] };
  }
  const problems: VerifyProblem[] = [];
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
  return { ok: problems.length === 0, batchNumber: manifest.batch?.number ?? null, checked, total, problems };
}
