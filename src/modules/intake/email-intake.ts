/**
 * Email intake (channel `email`): an SMTP endpoint that turns each message into
 * a record form. The SMTP "250 OK" is given only after the complaint and its
 * audit record are committed, so a message the sender saw accepted is never
 * lost; a redelivered message (same Message-ID) does not make a second complaint.
 * Attachments pass the same allowlist and content check as portal uploads;
 * refused ones are listed on the complaint instead of failing the message.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { shanghaiDate } from '../../domain/dates.js';
import { inTransaction, type AppContext, type Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { cleanFilename, commitFiles, discard, type StagedFile } from '../attachments/attachment-store.js';
import { CUSTOMER_KINDS, describeKinds, kindFor } from '../attachments/attachment-types.js';
import { addAttachments } from '../attachments/commands/add-attachments.js';
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

/** Emailed files: what customers may upload on the portal, with a per-file size and a count limit. */
export const EMAIL_ATTACHMENTS = { kinds: CUSTOMER_KINDS, maxBytes: 10 * 1024 * 1024, maxFiles: 10 } as const;

/** An attachment left out of the complaint, and why (shown to the clerk in channelDetails). */
export interface RejectedAttachment {
  filename: string;
  reason: string;
}

/**
 * Text taken from a mail, without NUL characters: PostgreSQL refuses them in
 * text columns, which would fail every redelivery (SMTP 451 forever).
 */
export function mailText(s: string | undefined | null): string {
  return (s ?? '').replaceAll('\u0000', '');
}

/** The unit whose mailbox received the message; HQ, the central acceptance unit, otherwise. */
async function unitForRecipient(trx: Trx, rcpt: string[]): Promise<string> {
  const units = await trx.selectFrom('units').select(['id', 'kind', 'email']).where('active', '=', 1).execute();
  const lower = rcpt.map((r) => r.toLowerCase());
  const hit = units.find((u) => u.kind !== 'department' && u.email && lower.includes(u.email.toLowerCase()));
  return (hit ?? units.find((u) => u.kind === 'hq')!).id;
}

/**
 * Checks each attachment and writes the allowed ones to staging files under
 * `<dataDir>/attachments/tmp/` before any transaction starts; the caller
 * moves them into place inside the transaction and discards them if it fails.
 */
async function stageAttachments(ctx: AppContext, mail: ParsedMail): Promise<{ staged: StagedFile[]; rejected: RejectedAttachment[] }> {
  const dir = join(ctx.dataDir, 'attachments', 'tmp');
  const staged: StagedFile[] = [];
  const rejected: RejectedAttachment[] = [];
  try {
    for (const a of mail.attachments) {
      const filename = cleanFilename(mailText(a.filename)) || 'attachment';
      const kind = kindFor(filename, EMAIL_ATTACHMENTS.kinds);
      const content = a.content;
      let reason: string | null = null;
      if (!kind) reason = `不支持的文件类型，仅支持 ${describeKinds(EMAIL_ATTACHMENTS.kinds)}`;
      else if (content.length === 0) reason = '空文件';
      else if (content.length > EMAIL_ATTACHMENTS.maxBytes) reason = `超过 ${EMAIL_ATTACHMENTS.maxBytes / 1024 / 1024} MB`;
      else if (!kind.sniff(content.subarray(0, 16))) reason = `文件内容与扩展名 .${kind.ext} 不符`;
      else if (staged.length >= EMAIL_ATTACHMENTS.maxFiles) reason = `附件过多，每封邮件最多保存 ${EMAIL_ATTACHMENTS.maxFiles} 个`;
      if (reason || !kind) {
        rejected.push({ filename, reason: reason ?? '不支持的文件类型' });
        continue;
      }
      await mkdir(dir, { recursive: true });
      const id = randomUUID();
      const path = join(dir, `${id}.part`);
      staged.push({ id, path, filename, kind, size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      await writeFile(path, content);
    }
  } catch (e) {
    await discard(staged);
    throw e;
  }
  return { staged, rejected };
}

/** Removes the files of an intake that did not commit, and the complaint's folder if nothing else is in it. */
async function cleanUp(ctx: AppContext, staged: StagedFile[], complaintId: string | null): Promise<void> {
  await discard(staged);
  if (complaintId) await rmdir(join(ctx.dataDir, 'attachments', complaintId)).catch(() => undefined);
}

/** Turn one raw RFC 822 message into a complaint (or find the one it already made). */
export async function intakeMessage(ctx: AppContext, raw: Buffer, envelope: { from: string; to: string[] }): Promise<IntakeResult> {
  const mail = await simpleParser(raw);
  const now = ctx.clock.now();
  const messageId = mailText(mail.messageId) || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const sender = mail.from?.value[0];
  const senderAddress = mailText(sender?.address).trim();
  const mailFrom = mailText(envelope.from);
  const text = mailText(mail.text).trim() || '（邮件无正文）';
  const { staged, rejected } = await stageAttachments(ctx, mail);
  let complaintId: string | null = null;
  let result: IntakeResult;
  try {
    result = await inTransaction(ctx, async (trx) => {
      complaintId = null;
      const seen = await trx.selectFrom('intake_messages').select('complaint_id').where('message_id', '=', messageId).executeTakeFirst();
      if (seen) return { complaintId: seen.complaint_id, duplicate: true };
      const unitId = await unitForRecipient(trx, envelope.to);
      complaintId = await acceptComplaint({
        ctx,
        trx,
        actor: null,
        source: 'email',
        input: {
          acceptingUnitId: unitId,
          channel: 'email',
          // The category is the acceptor's judgement; "process" until a clerk reviews the record form.
          category: 'process',
          customerName: mailText(sender?.name).trim() || senderAddress || mailFrom,
          customerEmail: senderAddress || mailFrom,
          reason: mailText(mail.subject).trim().slice(0, 500) || '（邮件无主题）',
          narrative: text.slice(0, 10000),
          channelDetails: { messageId, receivedOn: shanghaiDate(now), mailFrom, ...(rejected.length > 0 ? { rejectedAttachments: rejected } : {}) },
        },
      });
      if (staged.length > 0) {
        // Moved into place inside the transaction; if it rolls back, cleanUp below removes them again.
        await commitFiles(ctx, complaintId, staged);
        await addAttachments({ ctx, trx, actor: null, complaintId, files: staged });
      }
      await trx.insertInto('intake_messages').values({ message_id: messageId, complaint_id: complaintId, mail_from: mailFrom, rcpt_to: envelope.to.join(','), received_at: now.toISOString() }).execute();
      await appendAudit(
        trx,
        ctx.db.dialect,
        { actorId: null, entityType: 'complaint', entityId: complaintId, action: 'email_intake', detail: { messageId, attachments: staged.length, rejectedAttachments: rejected } },
        now,
      );
      return { complaintId, duplicate: false };
    });
  } catch (e) {
    // No row points at these files: a failed (and later retried) delivery leaves nothing behind.
    await cleanUp(ctx, staged, complaintId);
    throw e;
  }
  // A redelivered message already has its files.
  if (result.duplicate) await cleanUp(ctx, staged, null);
  else await acknowledge(ctx, result.complaintId, senderAddress || undefined);
  return result;
}

/** Tell the customer the complaint was received, with its tracking code (after commit; a failed send loses nothing). */
async function acknowledge(ctx: AppContext, complaintId: string, to: string | undefined) {
  if (!ctx.mailer || !to) return;
  const c = await ctx.db.kysely.selectFrom('complaints').select(['number', 'tracking_code', 'feedback_due_on', 'customer_phone']).where('id', '=', complaintId).executeTakeFirstOrThrow();
  // Online tracking asks for the last four digits of the complainant's phone; an emailed complaint usually has none.
  const howToTrack = c.customer_phone ? '您可凭查询码和手机号后四位在线查询进度。' : '您可凭查询码致电受理单位或回复本邮件查询进度。';
  try {
    await ctx.mailer.send({
      to,
      subject: `您的投诉已受理（编号 ${c.number}）`,
      text: `您好！您的投诉已于今日受理，编号 ${c.number}，查询码 ${c.tracking_code}。我们将在 ${c.feedback_due_on} 前将处理意见反馈给您。${howToTrack}`,
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
