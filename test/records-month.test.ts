/**
 * A month in the life of two branches: complaints accepted in October 2026 in
 * B01 and B02, closed, reported to HQ (B01 on time, B02 late), then archived.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { command as archiveVerify } from '../src/cli/commands/archive-verify.js';
import { verifyPackage } from '../src/modules/records/archive/archive-package.js';
import { prepareMonthlyDrafts } from '../src/modules/records/monthly-reports/monthly-reports.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';
import { accept, download, driveToClosed, pdfText, readXlsx } from './fixtures/records-flow.js';
import { startSmtpSink, type SmtpSink } from './fixtures/smtp-sink.js';

describeEachDb('monthly report, archive and package', (dialect) => {
  let env: TestEnv;
  let smtp: SmtpSink;
  let b1: string;
  let b2: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtpSink();
    env = await makeEnv(dialect, { now: '2026-10-12T02:00:00Z', mailer: smtp.mailer });
    const units = (await call(env, 'hq_head', 'GET', '/api/units')).body;
    const list = Array.isArray(units) ? units : units.items;
    b1 = list.find((u: any) => u.code === 'B01').id;
    b2 = list.find((u: any) => u.code === 'B02').id;
    ids.b1a = await accept(env, 'b1_clerk', { customerName: '甲客户', customerPhone: '13800000001' });
    ids.b1b = await accept(env, 'b1_clerk', { customerName: '乙客户', customerPhone: '13800000002' });
    ids.b2a = await accept(env, 'b2_clerk', { customerName: '丙客户', customerPhone: '13800000003' });
    await driveToClosed(env, ids.b1a, 'b1');
    await driveToClosed(env, ids.b2a, 'b2');
    // b1b stays open through October: it closes in November.
  });
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('lists October reports as not yet due, with the 3rd trading day of November as due day', async () => {
    const r = await call(env, 'b1_manager', 'GET', '/api/monthly-reports?month=2026-10');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ branchId: b1, dueOn: '2026-11-04', provisional: false, status: 'missing', timeliness: 'not_due', complaintCount: 2 });
    const hq = await call(env, 'hq_head', 'GET', '/api/monthly-reports?month=2026-10');
    expect(hq.body.items.map((i: any) => i.branchCode)).toEqual(['B01', 'B02']);
  });

  it('refuses to submit before the month has ended, writing nothing', async () => {
    const r = await call(env, 'b1_manager', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(r.status).toBe(409);
    const row = await env.ctx.db.kysely.selectFrom('monthly_reports').selectAll().execute();
    expect(row).toHaveLength(0);
  });

  it('prepares drafts on the first trading day of November and reminds the branch managers once', async () => {
    expect(await prepareMonthlyDrafts(env.ctx, new Date('2026-10-30T02:00:00Z'))).toBe(0);
    env.clock.set('2026-11-02T01:00:00Z');
    const reminded = await prepareMonthlyDrafts(env.ctx, env.clock.now());
    expect(reminded).toBe(4); // b1_manager, b1_head, b2_manager, b2_head
    expect(await prepareMonthlyDrafts(env.ctx, env.clock.now())).toBe(0);
    const notes = await env.ctx.db.kysely.selectFrom('notifications').select(['kind', 'body']).where('kind', '=', 'monthly_report_due').execute();
    expect(notes).toHaveLength(4);
    expect(notes[0].body).toContain('2026-11-04');
    const r = await call(env, 'b1_manager', 'GET', '/api/monthly-reports?month=2026-10');
    expect(r.body.items[0].status).toBe('draft');
  });

  it('B01 submits on time; HQ receives the XLSX by email', async () => {
    env.clock.set('2026-11-03T03:00:00Z');
    const denied = await call(env, 'b2_manager', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(denied.status).toBe(404);
    const hqTry = await call(env, 'hq_head', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(hqTry.status).toBe(403);
    const r = await call(env, 'b1_manager', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'submitted', onTime: true, timeliness: 'on_time', submittedOn: '2026-11-03', complaintCount: 2, emailedTo: 'hq-complaints@example.com' });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.subject).toContain('2026-10');
    const att = mail.attachments[0];
    expect(att.filename).toBe('月报-B01-2026-10.xlsx');
    const sheets = await readXlsx(att.content);
    expect(sheets.get('记录表清单')!.slice(1).map((r) => r[3]).sort()).toEqual(['乙客户', '甲客户']);
    const again = await call(env, 'b1_head', 'POST', `/api/monthly-reports/${b1}/2026-10/submit`);
    expect(again.status).toBe(409);
  });

  it('B02 submits late after the due day', async () => {
    env.clock.set('2026-11-06T03:00:00Z');
    const before = await call(env, 'hq_head', 'GET', '/api/monthly-reports/grid?from=2026-10&to=2026-11');
    expect(before.body.branches.map((b: any) => b.cells.map((c: any) => c.state))).toEqual([['on_time', 'not_due'], ['missing', 'not_due']]);
    const r = await call(env, 'b2_head', 'POST', `/api/monthly-reports/${b2}/2026-10/submit`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ onTime: false, late: true, timeliness: 'late', complaintCount: 1 });
    const grid = await call(env, 'hq_head', 'GET', '/api/monthly-reports/grid?from=2026-10&to=2026-11');
    expect(grid.body.months).toEqual(['2026-10', '2026-11']);
    expect(grid.body.branches.map((b: any) => [b.branchCode, b.cells[0].state])).toEqual([['B01', 'on_time'], ['B02', 'late']]);
    expect((await call(env, 'b1_manager', 'GET', '/api/monthly-reports/grid?from=2026-10&to=2026-11')).status).toBe(403);
  });

  it('serves the submitted snapshot as XLSX and PDF, readable by independent readers', async () => {
    const x = await download(env, 'hq_head', `/api/monthly-reports/${b1}/2026-10.xlsx`);
    expect(x.status).toBe(200);
    const sheets = await readXlsx(x.body);
    const summary = new Map(sheets.get('月报汇总')!.map((r) => [r[0], r[1]]));
    expect(summary.get('营业部')).toBe('郑州花园路证券营业部');
    expect(summary.get('报送截止日')).toBe('2026-11-04');
    expect(summary.get('本月直接受理投诉（件）')).toBe('2');
    expect(summary.get('已办结')).toBe('1');
    expect(summary.get('已受理')).toBe('1');
    const formSheets = [...sheets.keys()].filter((k) => k.startsWith('记录表-'));
    expect(formSheets).toEqual(['记录表-001', '记录表-002']);
    // The complaint number is inside each form sheet.
    expect(formSheets.every((k) => sheets.get(k)!.flat().some((v) => /^编号：B01-\d{8}-\d{3}$/.test(v)))).toBe(true);
    const p = await download(env, 'hq_head', `/api/monthly-reports/${b1}/2026-10.pdf`);
    expect(p.status).toBe(200);
    const text = pdfText(p.body);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      for (const s of ['营业部客户投诉月报（2026-10）', '郑州花园路证券营业部', '甲客户', '乙客户', '已办结', '2026-11-04']) expect(flat, s).toContain(s);
    }
    expect((await download(env, 'b2_manager', `/api/monthly-reports/${b1}/2026-10.pdf`)).status).toBe(404);
  });

  let batchId: string;
  let zipFile: string;
  let tmp: string;

  it('archives October for B01: only complaints closed by month end; the one closed in November waits', async () => {
    // An attachment on the October complaint goes into the package.
    const content = Buffer.from('客户提交的书面材料');
    await mkdir(join(env.ctx.dataDir, 'attachments', 'x'), { recursive: true });
    await writeFile(join(env.ctx.dataDir, 'attachments', 'x', 'letter.txt'), content);
    await env.ctx.db.kysely.insertInto('attachments').values({ id: 'att-1-0000', complaint_id: ids.b1a, filename: '来信.txt', content_type: 'text/plain', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), storage_key: 'x/letter.txt', uploaded_by: null, created_at: env.clock.now().toISOString(), erased_at: null }).execute();
    await driveToClosed(env, ids.b1b, 'b1'); // closed on 2026-11-06

    const early = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-11', medium: 'disc', location: '档案室A柜' });
    expect(early.status).toBe(409);
    const foreign = await call(env, 'b2_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'disc', location: '档案室A柜' });
    expect(foreign.status).toBe(404);
    const badMedium = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'tape', location: 'x' });
    expect(badMedium.status).toBe(400);
    expect(await env.ctx.db.kysely.selectFrom('archive_batches').selectAll().execute()).toHaveLength(0);

    const r = await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'disc', location: '档案室A柜' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ number: 'GD-B01-202610', complaintCount: 1, medium: 'disc', location: '档案室A柜', retentionYears: 5, retainUntil: '2031-11-06', legalHold: false });
    batchId = r.body.id;
    const detail = await call(env, 'b1_manager', 'GET', `/api/archive-batches/${batchId}`);
    expect(detail.body.complaints.map((c: any) => c.id)).toEqual([ids.b1a]);
    const a = await call(env, 'b1_manager', 'GET', `/api/complaints/${ids.b1a}`);
    expect(a.body).toMatchObject({ status: 'archived', archiveBatchId: batchId });
    expect((await call(env, 'b1_manager', 'GET', `/api/complaints/${ids.b1b}`)).body.status).toBe('closed');
    const history = await call(env, 'b1_manager', 'GET', `/api/complaints/${ids.b1a}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'archive', fromStatus: 'closed', toStatus: 'archived' });
    expect((await call(env, 'b1_manager', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-10', medium: 'paper', location: 'y' })).status).toBe(409);
    expect((await call(env, 'b2_manager', 'GET', '/api/archive-batches')).body.items).toHaveLength(0);
    expect((await call(env, 'b2_manager', 'GET', `/api/archive-batches/${batchId}`)).status).toBe(404);
  });

  it('a sealed complaint cannot change: PATCH 409 SEALED, actions 409, nothing written', async () => {
    const before = await env.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', ids.b1a).executeTakeFirstOrThrow();
    const auditBefore = await env.ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const p = await call(env, 'b1_manager', 'PATCH', `/api/complaints/${ids.b1a}`, { reason: '篡改事由', version: before.version });
    expect(p.status).toBe(409);
    expect(p.body.error).toBe('SEALED');
    for (const action of ['withdraw', 'rehandle', 'close']) {
      const r = await call(env, 'b1_manager', 'POST', `/api/complaints/${ids.b1a}/actions/${action}`, { reason: 'x' });
      expect(r.status, action).toBe(409);
      expect(r.body.error).toBe('INVALID_TRANSITION');
    }
    const after = await env.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', ids.b1a).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const auditAfter = await env.ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('exports the disc package and the CLI verifies it', async () => {
    const r = await download(env, 'hq_head', `/api/archive-batches/${batchId}/package.zip`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/zip');
    const zip = await JSZip.loadAsync(r.body);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const paths = manifest.files.map((f: any) => f.path);
    const number = (await call(env, 'hq_head', 'GET', `/api/complaints/${ids.b1a}`)).body.number;
    expect(paths).toEqual([`record-forms/${number}.pdf`, 'register.xlsx', `attachments/${number}/att-1-00-来信.txt`]);
    expect(await zip.file(`attachments/${number}/att-1-00-来信.txt`)!.async('string')).toBe('客户提交的书面材料');
    const text = pdfText(await zip.file(`record-forms/${number}.pdf`)!.async('nodebuffer'));
    if (text !== null) expect(text.replace(/\s+/g, '')).toContain('GD-B01-202610');
    const reg = await readXlsx(await zip.file('register.xlsx')!.async('nodebuffer'));
    expect(reg.get('投诉登记簿')![1][0]).toBe(number);
    expect(reg.get('投诉登记簿')![1][13]).toBe('已归档');

    tmp = await mkdtemp(join(tmpdir(), 'pkg-'));
    zipFile = join(tmp, 'package.zip');
    await writeFile(zipFile, r.body);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await archiveVerify.run([zipFile], null)).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('3 个文件');
    } finally {
      log.mockRestore();
    }
  });

  it('the same batch always exports a byte-identical package; the audit records the manifest hash; archive verify --expect checks it', async () => {
    const first = await download(env, 'hq_head', `/api/archive-batches/${batchId}/package.zip`);
    env.clock.set(new Date(env.clock.now().getTime() + 10 * 60_000).toISOString());
    // ZIP entry times have 2-second resolution: let the wall clock move past it too.
    await new Promise((r) => setTimeout(r, 2100));
    const second = await download(env, 'b1_manager', `/api/archive-batches/${batchId}/package.zip`);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    const zip = await JSZip.loadAsync(second.body);
    const manifestRaw = await zip.file('manifest.json')!.async('nodebuffer');
    const manifest = JSON.parse(manifestRaw.toString('utf8'));
    const batch = (await call(env, 'hq_head', 'GET', `/api/archive-batches/${batchId}`)).body;
    expect(manifest.createdAt).toBe(batch.sealedAt);
    const hash = createHash('sha256').update(manifestRaw).digest('hex');
    const audits = await env.ctx.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'export_archive_package').where('entity_id', '=', batchId).execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
    for (const a of audits) expect(JSON.parse(a.detail).manifestSha256).toBe(hash);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await archiveVerify.run([zipFile, '--expect', hash], null)).toBe(0);
      expect(await archiveVerify.run([zipFile, '--expect', 'f'.repeat(64)], null)).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toContain('manifest.json');
      expect(await archiveVerify.run([zipFile, '--expect', 'nothex'], null)).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    // A rewritten manifest (with matching file hashes) passes the file check but not --expect.
    const forged = await JSZip.loadAsync(second.body);
    forged.file('manifest.json', JSON.stringify({ ...manifest, batch: { ...manifest.batch, location: '别处' } }, null, 2));
    const report = await verifyPackage(await forged.generateAsync({ type: 'nodebuffer' }), undefined, hash);
    expect(report.problems.map((p) => [p.path, p.problem])).toEqual([['manifest.json', 'manifest_hash']]);
  });

  it('refuses the package with 409 naming the attachment when its file no longer matches the uploaded SHA-256', async () => {
    const file = join(env.ctx.dataDir, 'attachments', 'x', 'letter.txt');
    const original = await readFile(file);
    await writeFile(file, '被替换的内容');
    try {
      const before = await env.ctx.db.kysely.selectFrom('audit_log').select('seq').where('action', '=', 'export_archive_package').execute();
      const r = await download(env, 'hq_head', `/api/archive-batches/${batchId}/package.zip`);
      expect(r.status).toBe(409);
      expect(r.json.message).toContain('来信.txt');
      expect(r.json.details.attachmentId).toBe('att-1-0000');
      const after = await env.ctx.db.kysely.selectFrom('audit_log').select('seq').where('action', '=', 'export_archive_package').execute();
      expect(after).toHaveLength(before.length);
    } finally {
      await writeFile(file, original);
    }
  });

  it('a tampered package fails verification, naming the modified file', async () => {
    const zip = await JSZip.loadAsync(await readFile(zipFile));
    zip.file('register.xlsx', Buffer.concat([await zip.file('register.xlsx')!.async('nodebuffer'), Buffer.from('x')]));
    zip.file('extra.txt', 'not in the manifest');
    const tampered = join(tmp, 'tampered.zip');
    await writeFile(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
    const report = await verifyPackage(await readFile(tampered));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.path, p.problem])).toEqual([['register.xlsx', 'modified'], ['extra.txt', 'unexpected']]);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await archiveVerify.run([tampered], null)).toBe(1);
      expect(err.mock.calls.flat().join('\n')).toContain('register.xlsx');
    } finally {
      err.mockRestore();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('the complaint closed in November joins the November batch', async () => {
    env.clock.set('2026-12-01T02:00:00Z');
    const r = await call(env, 'hq_head', 'POST', '/api/archive-batches', { unitId: b1, month: '2026-11', medium: 'electronic', location: '总部档案服务器' });
    expect(r.status).toBe(201);
    const detail = await call(env, 'hq_head', 'GET', `/api/archive-batches/${r.body.id}`);
    expect(detail.body.complaints.map((c: any) => c.id)).toEqual([ids.b1b]);
    const list = await call(env, 'b1_head', 'GET', '/api/archive-batches');
    expect(list.body.items.map((b: any) => b.number)).toEqual(['GD-B01-202611', 'GD-B01-202610']);
  });
});
