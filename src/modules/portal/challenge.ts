/**
 * A simple arithmetic challenge that keeps scripts from filing complaints in
 * bulk (together with the rate limit). Each challenge is good for one filing
 * and a few minutes; a wrong answer burns it, so answers cannot be guessed in
 * a loop.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { invalid } from '../../domain/errors.js';
import type { Trx } from '../../server/context.js';
import './portal.tables.js';

/** How long a challenge may be answered. */
export const CHALLENGE_MINUTES = 10;

const hashAnswer = (id: string, answer: string) => createHash('sha256').update(`${id}:${answer}`).digest('hex');

/** Full-width digits (typed with a Chinese input method) count as digits. */
export function normaliseAnswer(raw: string): string {
  return raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '').replace(/^(-?)0+(?=\d)/, '$1');
}

/** Store a new challenge and return its id and question. */
export async function issueChallenge(db: Trx, now: Date): Promise<{ id: string; question: string }> {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const add = randomInt(0, 2) === 0;
  // Subtraction keeps the larger number first so the answer is never negative.
  const [x, y] = add ? [a, b] : [Math.max(a, b), Math.min(a, b)];
  const answer = add ? x + y : x - y;
  const question = `${x} ${add ? '加' : '减'} ${y} 等于几？`;
  const id = randomUUID();
  await db
    .insertInto('portal_challenges')
    .values({ id, answer_hash: hashAnswer(id, String(answer)), created_at: now.toISOString(), expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(), used_at: null })
    .execute();
  // Old challenges are useless; clearing them here avoids a separate job.
  await db.deleteFrom('portal_challenges').where('expires_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString()).execute();
  return { id, question };
}

/**
 * Consume the challenge inside the caller's transaction: one conditional
 * update, so two filings cannot both use it. Throws 400 (field
 * challengeAnswer) when it is unknown, used, expired or answered wrongly.
 */
export async function consumeChallenge(trx: Trx, id: string, answer: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const res = await trx
    .updateTable('portal_challenges')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .where('answer_hash', '=', hashAnswer(id, normaliseAnswer(answer)))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw invalid('challengeAnswer', '验证题答案错误或已过期，请重新获取验证题');
}

/** Mark a challenge used after a wrong answer (outside the rolled-back filing transaction). */
export async function burnChallenge(db: Trx, id: string, now: Date): Promise<void> {
  await db.updateTable('portal_challenges').set({ used_at: now.toISOString() }).where('id', '=', id).where('used_at', 'is', null).execute();
}
