/**
 * Attachments through the real app and real files: staff upload, list and
 * download within their scope; sealed complaints refuse new files; customers
 * add material on the portal with code and phone digits. Refused uploads
 * leave neither rows nor files behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, describeEachDb, makeEnv, recordForm, type TestEnv } from './harness.js';

type Part = { name: string; value: string } | { name: string; filename: string; contentType?: string; data: Buffer };

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----ccTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);

async function upload(env: TestEnv, user: string | null, url: string, parts: Part[], ip = '10.1.1.1') {
  const { payload, headers } = multipart(parts);
  const cookie = user ? await env.login(user) : undefined;
  const res = await env.app.inject({ method: 'POST', url, payload, headers: { ...headers, ...(cookie ? { cookie } : {}) }, remoteAddress: ip });
  return { status: res.statusCode, body: res.json() };
}

/** Every file under DATA_DIR/attachments, relative. */
async function filesOnDisk(env: TestEnv): Promise<string[]> {
  const root = join(env.ctx.dataDir, 'attachments');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

const attachmentCount = async (env: TestEnv) => Number((await env.ctx.db.kysely.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function newComplaint(env: TestEnv, user = 'b1_clerk', overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const r = await call(env, user, 'POST', '/api/complaints', recordForm(overrides));
  if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id, number: r.body.number };
}

describeEachDb('attachments', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeEnv(dialect);
  });
  afterAll(async () => env.close());

  it('staff upload several files; list and download return the same bytes and SHA-256', async () => {
    const c = await newComplaint(env);
    const letter = pdf('客户来信扫描件');
    const photo = png();
    const up = await upload(env, 'b1_clerk', `/api/complaints/${c.id}/attachments`, [
      { name: 'file', filename: '客户来信 扫描件.pdf', contentType: 'application/pdf', data: letter },
      { name: 'file', filename: 'photo.PNG', contentType: 'image/png', data: photo },
    ]);
    expect(up.status).toBe(201);
    expect(up.body.items).toHaveLength(2);
    const byName = new Map(up.body.items.map((i: { filename: string }) => [i.filename, i]));
    expect(byName.get('客户来信 扫描件.pdf')).toMatchObject({ sha256: sha(letter), size: letter.length, contentType: 'application/pdf', uploadedBy: '陈晓（营业部一受理）' });
    expect(byName.get('photo.PNG')).toMatchObject({ sha256: sha(photo), size: photo.length, contentType: 'image/png' });

    const list = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    for (const item of list.body.items) expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'filename', 'contentType', 'size', 'sha256', 'uploadedBy', 'createdAt']));

    // The file on disk is where the row says, with the same bytes.
    const row = await env.ctx.db.kysely.selectFrom('attachments').selectAll().where('filename', '=', '客户来信 扫描件.pdf').executeTakeFirstOrThrow();
    expect(await readFile(join(env.ctx.dataDir, 'attachments', row.storage_key))).toEqual(letter);
    expect(row.uploaded_by).not.toBeNull();

    const cookie = await env.login('b1_manager');
    const dl = await env.app.inject({ method: 'GET', url: `/api/attachments/${row.id}`, headers: { cookie } });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="____ ___.pdf"; filename*=UTF-8''${encodeURIComponent('客户来信 扫描件.pdf')}`);
    expect(sha(dl.rawPayload)).toBe(sha(letter));

    const audit = await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', c.id).orderBy('seq').execute();
    const attach = audit.find((a) => a.action === 'attach')!;
    expect(JSON.parse(attach.detail).files.map((f: { sha256: string }) => f.sha256).sort()).toEqual([sha(letter), sha(photo)].sort());
    expect(audit.map((a) => a.action)).toContain('download_attachment');
  });

  it('a b2 user gets 404 on a b1 complaint attachment, its list and its upload, and nothing is stored', async () => {
    const c = await newComplaint(env);
    const up = await upload(env, 'b1_clerk', `/api/complaints/${c.id}/attachments`, [{ name: 'file', filename: 'a.pdf', data: pdf('b1 only') }]);
    expect(up.status).toBe(201);
    const attId = up.body.items[0].id as string;
    expect((await call(env, 'b2_manager', 'GET', `/api/attachments/${attId}`)).status).toBe(404);
    const dl = await call(env, 'b2_manager', 'GET', `/api/attachments/${attId}`);
    expect(dl.body.message).not.toContain(c.id);
    expect((await call(env, 'b2_manager', 'GET', `/api/complaints/${c.id}/attachments`)).status).toBe(404);
    const before = [await attachmentCount(env), await filesOnDisk(env)] as const;
    const foreign = await upload(env, 'b2_clerk', `/api/complaints/${c.id}/attachments`, [{ name: 'file', filename: 'x.pdf', data: pdf('intruder') }]);
    expect(foreign.status).toBe(404);
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);
    // HQ sees every branch's attachments.
    expect((await call(env, 'hq_manager', 'GET', `/api/attachments/${attId}`)).status).toBe(200);
  });

  it('a complaint sealed in an archive batch refuses new files with 409 SEALED', async () => {
    const c = await newComplaint(env);
    await env.ctx.db.kysely.updateTable('complaints').set({ archive_batch_id: 'batch-test' }).where('id', '=', c.id).execute();
    const before = [await attachmentCount(env), await filesOnDisk(env)] as const;
    const r = await upload(env, 'b1_manager', `/api/complaints/${c.id}/attachments`, [{ name: 'file', filename: 'late.pdf', data: pdf('too late') }]);
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('SEALED');
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);
  });

  it('refuses wrong types, disguised files and empty uploads with 400 on field file, leaving nothing behind', async () => {
    const c = await newComplaint(env);
    const before = [await attachmentCount(env), await filesOnDisk(env)] as const;
    const cases: Part[][] = [
      [{ name: 'file', filename: 'virus.exe', data: Buffer.from('MZ....') }],
      // A text file renamed to .pdf; the good PDF before it must not be kept either.
      [{ name: 'file', filename: 'ok.pdf', data: pdf('good') }, { name: 'file', filename: 'fake.pdf', data: Buffer.from('<script>alert(1)</script>') }],
      [{ name: 'file', filename: 'empty.png', data: Buffer.alloc(0) }],
      [{ name: 'note', value: 'no file at all' }],
    ];
    for (const parts of cases) {
      const r = await upload(env, 'b1_clerk', `/api/complaints/${c.id}/attachments`, parts);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.field).toBe('file');
    }
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);
    // A JSON body on the upload route is refused too.
    expect((await call(env, 'b1_clerk', 'POST', `/api/complaints/${c.id}/attachments`, { file: 'x' })).status).toBe(400);
  });

  it('multipart stays inside the attachments scope: JSON routes of other modules refuse it', async () => {
    const { payload, headers } = multipart([{ name: 'customerName', value: 'x' }]);
    const res = await env.app.inject({ method: 'POST', url: '/api/complaints', payload, headers: { ...headers, cookie: await env.login('b1_clerk') } });
    expect(res.statusCode).toBe(415);
  });

  it('a customer adds material with the tracking code and phone digits; a wrong last4 is the same 404 and stores nothing', async () => {
    const c = await newComplaint(env, 'b1_clerk', { customerPhone: '13822223333' });
    const { tracking_code: code } = await env.ctx.db.kysely.selectFrom('complaints').select('tracking_code').where('id', '=', c.id).executeTakeFirstOrThrow();
    const before = [await attachmentCount(env), await filesOnDisk(env)] as const;
    const wrong = await upload(env, null, `/api/portal/complaints/${code}/attachments`, [{ name: 'phoneLast4', value: '3334' }, { name: 'file', filename: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }], '10.2.0.1');
    const unknown = await upload(env, null, `/api/portal/complaints/NOSUCHCODE/attachments`, [{ name: 'phoneLast4', value: '3333' }, { name: 'file', filename: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }], '10.2.0.1');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);

    const audio = Buffer.concat([Buffer.from('ID3'), randomBytes(500)]);
    const ok = await upload(env, null, `/api/portal/complaints/${code}/attachments`, [{ name: 'phoneLast4', value: '3333' }, { name: 'file', filename: '通话录音.mp3', data: audio }], '10.2.0.2');
    expect(ok.status).toBe(201);
    expect(ok.body.files).toEqual([{ filename: '通话录音.mp3', size: audio.length, sha256: sha(audio) }]);
    const list = await call(env, 'b1_manager', 'GET', `/api/complaints/${c.id}/attachments`);
    expect(list.body.items).toEqual([expect.objectContaining({ filename: '通话录音.mp3', uploadedBy: null, byCustomer: true, contentType: 'audio/mpeg', sha256: sha(audio) })]);
    const audit = await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', c.id).where('action', '=', 'attach').execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.detail).by])).toEqual([[null, 'customer']]);
  });

  it('the portal allows at most 5 files of 10 MB, and nothing once the complaint is withdrawn', async () => {
    const c = await newComplaint(env, 'b1_clerk', { customerPhone: '13822224444' });
    const { tracking_code: code } = await env.ctx.db.kysely.selectFrom('complaints').select('tracking_code').where('id', '=', c.id).executeTakeFirstOrThrow();
    const url = `/api/portal/complaints/${code}/attachments`;
    const before = [await attachmentCount(env), await filesOnDisk(env)] as const;
    const six = Array.from({ length: 6 }, (_, i) => ({ name: 'file', filename: `p${i}.pdf`, data: pdf(`page ${i}`) }));
    const tooMany = await upload(env, null, url, [{ name: 'phoneLast4', value: '4444' }, ...six], '10.3.0.1');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('file');
    expect(tooMany.body.message).toContain('最多上传 5 个');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(env, null, url, [{ name: 'phoneLast4', value: '4444' }, { name: 'file', filename: 'big.pdf', data: big }], '10.3.0.2');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.field).toBe('file');
    expect(tooBig.body.message).toContain('10 MB');
    const xlsx = await upload(env, null, url, [{ name: 'phoneLast4', value: '4444' }, { name: 'file', filename: 'sheet.xlsx', data: Buffer.from('PK\x03\x04....') }], '10.3.0.3');
    // Spreadsheets are for staff only.
    expect(xlsx.status).toBe(400);
    expect(xlsx.body.message).toContain('不支持的文件类型');
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);

    const w = await call(env, 'b1_manager', 'POST', `/api/complaints/${c.id}/actions/withdraw`, { reason: '客户已与营业部和解' });
    expect(w.status).toBe(200);
    const closed = await upload(env, null, url, [{ name: 'phoneLast4', value: '4444' }, { name: 'file', filename: 'p.pdf', data: pdf('late') }], '10.3.0.4');
    expect(closed.status).toBe(409);
    expect([await attachmentCount(env), await filesOnDisk(env)]).toEqual(before);
  });
});
