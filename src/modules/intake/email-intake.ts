/**
 * Email intake (channel `email`): an SMTP endpoint that turns each message into
 * a record form. The SMTP "250 OK" is given only after the complaint and its
 * audit record are committed, so a message the sender saw accepted is never
 * lost; a redelivered message (same Message-ID) does not make a second complaint.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { shanghaiDate } from '../../domain/dates.js';
import { inTransaction, type AppContext, type Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { attachmentPath, cleanFilename, storageKeyFor } from '../attachments/attachment-store.js';
import { acceptComplaint } from '../complaints/commands/accept-complaint.js';

declare module '../../db/schema.js' {
  interface Database {
    intake_messages: { message_id: string; complaint_id: string; mail_from: string; rcpt_to: string; received_at: string };
  }
}

export interface IntakeResult {
  complaintId: string;
  duplicate: boolean;
}

/** The unit whose mailbox received the message; HQ, the central acceptance unit, otherwise. */
async function unitForRecipient(trx: Trx, rcpt: string[]): Promise<string> {
  const units = await trx.selectFrom('units').select(['id', 'kind', 'email']).where('active', '=', 1).execute();
  const lower = rcpt.map((r) => r.toLowerCase());
  const hit = units.find((u) => u.kind !== 'department' && u.email && lower.includes(u.email.toLowerCase()));
  return (hit ?? units.find((u) => u.kind === 'hq')!).id;
}

async function saveAttachments(ctx: AppContext, trx: Trx, complaintId: string, mail: ParsedMail, now: Date) {
  for (const a of mail.attachments) {
    const id = randomUUID();
    const filename = cleanFilename(a.filename ?? 'attachment') || 'attachment';
    const key = storageKeyFor(complaintId, id);
    const path = attachmentPath(ctx, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, a.content);
    await trx
      .insertInto('attachments')
      .values({ id, complaint_id: complaintId, filename, content_type: a.contentType, size: a.size, sha256: createHash('sha256').update(a.content).digest('hex'), storage_key: key, uploaded_by: null, created_at: now.toISOString(), erased_at: null })
      .execute();
  }
}

/** Turn one raw RFC 822 message into a complaint (or find the one it already made). */
export async function intakeMessage(ctx: AppContext, raw: Buffer, envelope: { from: string; to: string[] }): Promise<IntakeResult> {
  const mail = await simpleParser(raw);
  const now = ctx.clock.now();
  const messageId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const sender = mail.from?.value[0];
  const text = (mail.text ?? '').trim() || '（邮件无正文）';
  return inTransaction(ctx, async (trx) => {
    const seen = await trx.selectFrom('intake_messages').select('complaint_id').where('message_id', '=', messageId).executeTakeFirst();
    if (seen) return { complaintId: seen.complaint_id, duplicate: true };
    const unitId = await unitForRecipient(trx, envelope.to);
    const complaintId = await acceptComplaint({
      ctx,
      trx,
      actor: null,
      source: 'email',
      input: {
        acceptingUnitId: unitId,
        channel: 'email',
        // The category is the acceptor's judgement; "process" until a clerk reviews the record form.
        category: 'process',
        customerName: sender?.name?.trim() || sender?.address || envelope.from,
        customerEmail: sender?.address ?? envelope.from,
        reason: (mail.subject ?? '').trim().slice(0, 500) || '（邮件无主题）',
        narrative: text.slice(0, 10000),
        channelDetails: { messageId, receivedOn: shanghaiDate(now), mailFrom: envelope.from },
      },
    });
    await saveAttachments(ctx, trx, complaintId, mail, now);
    await trx.insertInto('intake_messages').values({ message_id: messageId, complaint_id: complaintId, mail_from: envelope.from, rcpt_to: envelope.to.join(','), received_at: now.toISOString() }).execute();
    await appendAudit(trx, ctx.db.dialect, { actorId: null, entityType: 'complaint', entityId: complaintId, action: 'email_intake', detail: { messageId, attachments: mail.attachments.length } }, now);
    return { complaintId, duplicate: false };
  }).then(async (r) => {
    if (!r.duplicate) await acknowledge(ctx, r.complaintId, sender?.address);
    return r;
  });
}

/** Tell the customer the complaint was received, with its tracking code (after commit; a failed send loses nothing). */
async function acknowledge(ctx: AppContext, complaintId: string, to: string | undefined) {
  if (!ctx.mailer || !to) return;
  const c = await ctx.db.kysely.selectFrom('complaints').select(['number', 'tracking_code', 'feedback_due_on']).where('id', '=', complaintId).executeTakeFirstOrThrow();
  try {
    await ctx.mailer.send({
      to,
      subject: `您的投诉已受理（编号 ${c.number}）`,
      text: `您好！您的投诉已于今日受理，编号 ${c.number}，查询码 ${c.tracking_code}。我们将在 ${c.feedback_due_on} 前将处理意见反馈给您。您可凭查询码和手机号后四位在线查询进度。`,
    });
  } catch (e) {
    console.error('acknowledgement email failed', e);
  }
}

export interface IntakeServer {
  port: number;
  close(): Promise<void>;
}

/** Start the SMTP endpoint (INTAKE_SMTP_PORT). Plain SMTP for an internal relay; no AUTH. */
export async function startEmailIntake(ctx: AppContext, port: number, host = '127.0.0.1', maxBytes = 25 * 1024 * 1024): Promise<IntakeServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    rejectOversized: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        intakeMessage(ctx, Buffer.concat(chunks), envelope).then(
          () => callback(),
          (err: unknown) => {
            console.error('email intake failed', err);
            // A temporary failure makes the sending server retry later instead of dropping the message.
            const e = new Error('暂时无法受理，请稍后重试') as Error & { responseCode: number };
            e.responseCode = 451;
            callback(e);
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
