/**
 * The per-user inbox and its email outbox. `notify` is idempotent: the
 * (user, event key) pair is unique, so the same event never reaches a person
 * twice, whichever node or job run raises it. Emails are sent after commit by
 * `flushEmails`, which claims each row first so no two nodes send the same one.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext, Trx } from '../../server/context.js';
import './calendar.tables.js';

export interface NotifyInput {
  userId: string;
  /** Identifies the event, e.g. 'deadline:<complaintId>:investigation:overdue:2026-12-02'. */
  eventKey: string;
  /** e.g. 'due_today', 'due_tomorrow', 'overdue', 'transfer_late', 'monthly_report_due'. */
  kind: string;
  title: string;
  body: string;
  complaintId?: string | null;
}

/**
 * Stores a notification in the user's inbox unless this user already has this
 * event; returns true when it was new. When mail is configured and the user
 * has an address, the row is queued for email: call `flushEmails(ctx)` after
 * the transaction commits (the deadline monitor also flushes on every run).
 */
export async function notify(ctx: AppContext, trx: Trx, n: NotifyInput): Promise<boolean> {
  let emailTo: string | null = null;
  if (ctx.mailer) {
    const u = await trx.selectFrom('users').select('email').where('id', '=', n.userId).executeTakeFirst();
    emailTo = u?.email ?? null;
  }
  // INSERT ... ON CONFLICT DO NOTHING: atomic on both databases, also against a concurrent insert on another node.
  const row = await trx
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      user_id: n.userId,
      event_key: n.eventKey,
      kind: n.kind,
      title: n.title,
      body: n.body,
      complaint_id: n.complaintId ?? null,
      created_at: ctx.clock.now().toISOString(),
      read_at: null,
      email_to: emailTo,
      email_claimed_at: null,
      sent_at: null,
      email_error: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'event_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Sends queued notification emails; each row is claimed by one node before sending. Returns how many were sent. */
export async function flushEmails(ctx: AppContext): Promise<number> {
  const mailer = ctx.mailer;
  if (!mailer) return 0;
  const db = ctx.db.kysely;
  const pending = await db.selectFrom('notifications').select(['id', 'email_to', 'title', 'body']).where('email_to', 'is not', null).where('email_claimed_at', 'is', null).orderBy('created_at').limit(500).execute();
  let sent = 0;
  for (const p of pending) {
    const claimed = await db.updateTable('notifications').set({ email_claimed_at: ctx.clock.now().toISOString() }).where('id', '=', p.id).where('email_claimed_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await mailer.send({ to: p.email_to!, subject: `【客户投诉处理系统】${p.title}`, text: p.body });
      await db.updateTable('notifications').set({ sent_at: ctx.clock.now().toISOString(), email_error: null }).where('id', '=', p.id).execute();
      sent++;
    } catch (e) {
      // Kept claimed: a failing address should not be retried every few minutes; the error is visible on the row.
      await db.updateTable('notifications').set({ email_error: String(e).slice(0, 500) }).where('id', '=', p.id).execute();
    }
  }
  return sent;
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  complaintId: string | null;
  createdAt: string;
  readAt: string | null;
  read: boolean;
}

/** The user's inbox: unread first, newest first within each group. */
export async function listInbox(db: Trx, userId: string, limit = 100): Promise<{ unread: number; items: InboxItem[] }> {
  const unreadRow = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'complaint_id', 'created_at', 'read_at'])
    .select((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end().as('is_read'))
    .where('user_id', '=', userId)
    .orderBy('is_read')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    unread: Number(unreadRow.n),
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, complaintId: r.complaint_id, createdAt: r.created_at, readAt: r.read_at, read: r.read_at !== null })),
  };
}
