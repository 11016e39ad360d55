import nodemailer, { type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmailIntake, type IntakeServer } from '../src/modules/intake/email-intake.js';
import { createMailer } from '../src/server/mailer.js';
import { call, describeEachDb, makeEnv, type TestEnv } from './harness.js';

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

  it('turns a message to a branch mailbox into that branch’s complaint, with attachments, and acknowledges it', async () => {
    const info = await send.sendMail({
      from: '"钱多多" <qian@customer.example>',
      to: 'b01@broker.example',
      subject: '委托下单系统卡顿',
      text: '本周二开盘时下单界面卡顿十分钟，错过了买入时机。',
      messageId: '<m1@customer.example>',
      attachments: [{ filename: '截图.png', content: Buffer.from('fake-png-bytes') }],
    });
    expect(info.accepted).toEqual(['b01@broker.example']);
    const list = await call(env, 'b1_clerk', 'GET', '/api/complaints?channel=email');
    expect(list.body.items).toHaveLength(1);
    const c = (await call(env, 'b1_clerk', 'GET', `/api/complaints/${list.body.items[0].id}?reveal=true`)).body;
    expect(c).toMatchObject({ channel: 'email', source: 'email', customerName: '钱多多', customerEmail: 'qian@customer.example', reason: '委托下单系统卡顿', status: 'received' });
    expect(c.narrative).toContain('错过了买入时机');
    const att = await env.ctx.db.kysely.selectFrom('attachments').selectAll().where('complaint_id', '=', c.id).execute();
    expect(att.map((a) => a.filename)).toEqual(['截图.png']);
    const file = await call(env, 'b1_clerk', 'GET', `/api/attachments/${att[0].id}`);
    expect(file.status).toBe(200);
    expect(file.res.rawPayload.toString()).toBe('fake-png-bytes');
    await expect.poll(() => sink.received.length).toBe(1);
    expect(sink.received[0].subject).toContain(c.number);
    expect(sink.received[0].text).toContain(c.trackingCode);
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
