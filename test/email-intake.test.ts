import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmailIntake, type IntakeServer } from '../src/modules/intake/email-intake.js';
import { createMailer } from '../src/server/mailer.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

/** The first bytes of a real PNG file, enough for the content check. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png-body')]);

/** Every file under the attachments folder (staging included), relative to it. */
async function filesOnDisk(env: TestEnv): Promise<string[]> {
  const root = join(env.ctx.dataDir, 'attachments');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

/** A real SMTP server that keeps what it receives: the customer's mailbox for acknowledgements. */
async function startSink() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => {
        received.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachDb('email intake over SMTP', (dialect) => {
  let env: TestEnv;
  let intake: IntakeServer;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let send: Transporter;

  beforeAll(async () => {
    sink = await startSink();
    env = await makeEnv(dialect, { mailer: createMailer(`smtp://127.0.0.1:${sink.port}`) });
    await env.ctx.db.kysely.updateTable('units').set({ email: 'b01@broker.example' }).where('code', '=', 'B01').execute();
    intake = await startEmailIntake(env.ctx, 0);
    send = nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    await intake?.close();
    await sink?.close();
    await env?.close();
  });

  it('turns a message to a branch mailbox into that branch’s complaint, with its allowed attachments, and acknowledges it', async () => {
    const info = await send.sendMail({
      from: '"钱多多" <qian@customer.example>',
      to: 'b01@broker.example',
      subject: '委托下单系统卡顿',
      text: '本周二开盘时下单界面卡顿十分钟，错过了买入时机。',
      messageId: '<m1@customer.example>',
      attachments: [
        // The sender's content type is not trusted: ours is stored.
        { filename: '截图.png', content: PNG, contentType: 'application/octet-stream' },
        { filename: '工具.exe', content: Buffer.from('MZ-program') },
        { filename: '对账单.pdf', content: Buffer.from('<script>not a pdf</script>') },
        { filename: '空白.jpg', content: Buffer.alloc(0) },
      ],
    });
    expect(info.accepted).toEqual(['b01@broker.example']);
    const list = await call(env, 'b1_clerk', 'GET', '/api/complaints?channel=email');
    expect(list.body.items).toHaveLength(1);
    const c = (await call(env, 'b1_clerk', 'GET', `/api/complaints/${list.body.items[0].id}?reveal=true`)).body;
    expect(c).toMatchObject({ channel: 'email', source: 'email', customerName: '钱多多', customerEmail: 'qian@customer.example', reason: '委托下单系统卡顿', status: 'received' });
    expect(c.narrative).toContain('错过了买入时机');
    const att = await env.ctx.db.kysely.selectFrom('attachments').selectAll().where('complaint_id', '=', c.id).execute();
    expect(att.map((a) => [a.filename, a.content_type])).toEqual([['截图.png', 'image/png']]);
    const file = await call(env, 'b1_clerk', 'GET', `/api/attachments/${att[0].id}`);
    expect(file.status).toBe(200);
    expect(file.res.rawPayload.equals(PNG)).toBe(true);
    // Refused files do not fail the message; the clerk sees which and why.
    expect(c.channelDetails.rejectedAttachments).toEqual([
      { filename: '工具.exe', reason: expect.stringContaining('不支持的文件类型') },
      { filename: '对账单.pdf', reason: '文件内容与扩展名 .pdf 不符' },
      { filename: '空白.jpg', reason: '空文件' },
    ]);
    expect(await filesOnDisk(env)).toEqual([`${c.id}/${att[0].id}`]);
    await expect.poll(() => sink.received.length).toBe(1);
    expect(sink.received[0].subject).toContain(c.number);
    expect(sink.received[0].text).toContain(c.trackingCode);
    // No phone on an emailed complaint: online tracking (code + last four phone digits) is not offered.
    expect(sink.received[0].text).not.toContain('手机号后四位');
    expect(sink.received[0].text).toContain('凭查询码致电受理单位或回复本邮件查询进度');
  });

  it('strips NUL characters from the subject, body and sender name instead of failing every redelivery', async () => {
    const info = await send.sendMail({
      from: { name: '孙\u0000小美', address: 'sun@customer.example' },
      to: 'b01@broker.example',
      subject: '转账\u0000失败',
      text: '银证转账\u0000一直失败。',
      messageId: '<nul@customer.example>',
    });
    expect(info.accepted).toEqual(['b01@broker.example']);
    const list = await call(env, 'b1_clerk', 'GET', `/api/complaints?text=${encodeURIComponent('转账失败')}`);
    expect(list.body.items).toHaveLength(1);
    const c = (await call(env, 'b1_clerk', 'GET', `/api/complaints/${list.body.items[0].id}?reveal=true`)).body;
    expect(c).toMatchObject({ customerName: '孙小美', reason: '转账失败' });
    expect(c.narrative).toBe('银证转账一直失败。');
  });

  it('a message whose transaction fails leaves no attachment files behind, and its redelivery is accepted', async () => {
    const msg = {
      from: 'zhou@customer.example',
      to: 'b01@broker.example',
      subject: '回滚测试',
      text: '附件见截图。',
      messageId: '<rollback@customer.example>',
      attachments: [{ filename: '截图2.png', content: PNG }],
    };
    const complaintsBefore = await env.ctx.db.kysely.selectFrom('complaints').select('id').execute();
    const filesBefore = await filesOnDisk(env);
    // Storing the attachment row fails (after the complaint row, with the file already on disk), so the transaction rolls back.
    await sql`alter table attachments rename to attachments_off`.execute(env.ctx.db.kysely);
    try {
      await expect(send.sendMail(msg)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await sql`alter table attachments_off rename to attachments`.execute(env.ctx.db.kysely);
    }
    expect(await env.ctx.db.kysely.selectFrom('complaints').select('id').execute()).toHaveLength(complaintsBefore.length);
    expect(await filesOnDisk(env)).toEqual(filesBefore);

    await send.sendMail(msg);
    const list = await call(env, 'b1_clerk', 'GET', `/api/complaints?text=${encodeURIComponent('回滚测试')}`);
    expect(list.body.items).toHaveLength(1);
    const att = await env.ctx.db.kysely.selectFrom('attachments').select(['id', 'complaint_id']).execute();
    expect(await filesOnDisk(env)).toEqual(att.map((a) => `${a.complaint_id}/${a.id}`).sort());
  });

  it('does not make a second complaint when the same message is delivered again', async () => {
    const msg = { from: 'dup@customer.example', to: 'hq-complaints@example.com', subject: '重复投递', text: '内容', messageId: '<dup@customer.example>' };
    await send.sendMail(msg);
    await send.sendMail(msg);
    const list = await call(env, 'hq_manager', 'GET', `/api/complaints?text=${encodeURIComponent('重复投递')}`);
    expect(list.body.items).toHaveLength(1);
    // Not addressed to a branch: HQ, the central acceptance unit, gets it, and branch staff do not see it.
    expect(list.body.items[0].number).toMatch(/^HQ-/);
    expect((await call(env, 'b1_clerk', 'GET', `/api/complaints/${list.body.items[0].id}`)).status).toBe(404);
  });
});
