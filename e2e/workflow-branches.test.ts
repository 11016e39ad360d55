/**
 * The branches of the workflow the staff journey does not walk, in the
 * browser against the real server: an approver sends the draft back with a
 * comment; the callback finds the rectification ineffective (re-rectify with
 * new measures) or the customer dissatisfied with improper handling (round
 * 2); the customer withdraws; a malicious complaint waits for the legal
 * department before feedback. The starting state is set up through the real
 * commands; every step under test is taken in the UI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../src/db/seed.js';
import { acceptComplaint } from '../src/modules/complaints/commands/accept-complaint.js';
import { transitionComplaint } from '../src/modules/complaints/commands/transition.js';
import { inTransaction } from '../src/server/context.js';
import { DESKTOP, HAVE_BROWSER, confirmAction, hasText, launchBrowser, login, openAction, openPage, shot, startServer, until, visible, type Server, type Watched } from './browser-env.js';

describe.skipIf(!HAVE_BROWSER)('workflow branches in the browser', () => {
  let server: Server;
  let browser: Browser;
  let n = 0;

  async function as(username: string): Promise<Watched> {
    const w = await openPage(browser, server.url, DESKTOP);
    await login(w.page, username);
    return w;
  }
  async function done(w: Watched): Promise<void> {
    expect(w.problems).toEqual([]);
    await w.context.close();
  }
  const act = async (username: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const actor = await actorOf(server.ctx, username);
    await inTransaction(server.ctx, (trx) => transitionComplaint({ ctx: server.ctx, trx, actor, complaintId: id, action, body }));
  };
  const row = (id: string) => server.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const measures = (id: string) => server.ctx.db.kysely.selectFrom('rectifications').selectAll().where('complaint_id', '=', id).orderBy('created_at').execute();

  /** A B01 walk-in complaint taken by the given stage through the real commands. */
  async function complaintAt(stage: 'investigating' | 'pending_approval' | 'approved' | 'verifying'): Promise<string> {
    n++;
    const actor = await actorOf(server.ctx, 'b1_clerk');
    const id = await inTransaction(server.ctx, (trx) =>
      acceptComplaint({
        ctx: server.ctx, trx, actor,
        input: { channel: 'walk_in', category: 'attitude', businessLink: 'trading', customerName: `客户${n}`, customerPhone: `1380000000${n}`, reason: '柜员服务态度差', narrative: '客户称柜员办理业务时态度生硬。' } as never,
      }),
    );
    await act('b1_manager', id, 'transfer');
    if (stage === 'investigating') return id;
    await act('b1_manager', id, 'submit', {
      findings: '调取录像：柜员语气生硬，属实。', outcomeClass: 'partial_fault', handlingOpinion: '向客户致歉，对柜员批评教育。',
      rectifications: [{ description: '开展服务规范培训', owner: '周建', dueOn: '2026-12-10' }],
      accountabilityActions: [{ person: '柜员小王', measure: '批评教育' }],
    });
    if (stage === 'pending_approval') return id;
    await act('b1_head', id, 'approve', { comment: '同意' });
    await act('hq_head', id, 'approve', { comment: '同意' });
    if (stage === 'approved') return id;
    await act('b1_manager', id, 'give_feedback', { feedback: { content: '经核实，柜员态度确有不当，我们深表歉意。', method: '电话' } });
    await act('b1_manager', id, 'start_rectification');
    for (const m of await measures(id)) await act('b1_manager', id, 'complete_measure', { measureId: m.id });
    await act('b1_manager', id, 'request_verification');
    return id;
  }

  /** Answer the callback questions of the open close/rerectify/rehandle form. */
  async function callback(page: Page, a: { satisfaction: string; done: boolean; effective: boolean; proper: boolean; note?: string }) {
    const m = page.locator('.ant-modal:visible');
    const yn = (b: boolean) => (b ? '是' : '否');
    await m.locator('#callback_satisfaction').getByText(a.satisfaction, { exact: true }).click();
    await m.locator('#callback_rectificationDone').getByText(yn(a.done), { exact: true }).click();
    await m.locator('#callback_rectificationEffective').getByText(yn(a.effective), { exact: true }).click();
    await m.locator('#callback_handlingProper').getByText(yn(a.proper), { exact: true }).click();
    if (a.note) await m.locator('#callback_note').fill(a.note);
  }

  async function open(page: Page, id: string) {
    await page.goto(`/complaints/${id}`);
    await page.getByTestId('complaint-status').waitFor();
  }

  beforeAll(async () => {
    server = await startServer({ demoComplaints: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the branch head sends the draft back with a comment; the manager sees it and may resubmit', async () => {
    const id = await complaintAt('pending_approval');
    const head = await as('b1_head');
    await open(head.page, id);
    await openAction(head.page, 'reject');
    // Sending back needs a reason.
    await head.page.getByTestId('action-ok').click();
    await visible(head.page.locator('.ant-modal:visible').getByText('退回时须填写审批意见'));
    expect((await row(id)).status).toBe('pending_approval');
    await head.page.locator('.ant-modal:visible #comment').fill('请补充录像调取时间和当事柜员的说明。');
    await confirmAction(head.page);
    await hasText(head.page.getByTestId('complaint-status'), '调查核实中');
    await done(head);
    expect((await row(id)).status).toBe('investigating');

    const mgr = await as('b1_manager');
    await open(mgr.page, id);
    await hasText(mgr.page.getByTestId('rejection-notice'), '审批退回：请补充录像调取时间和当事柜员的说明。');
    await hasText(mgr.page.getByTestId('rejection-notice'), '营业部负责人');
    await visible(mgr.page.locator('button[data-action="submit"]'));
    await shot(mgr.page, 'rejected');
    await done(mgr);
  });

  it('an ineffective rectification at the callback leads to re-rectification with new measures', async () => {
    const id = await complaintAt('verifying');
    const w = await as('b1_manager');
    const { page } = w;
    await open(page, id);
    await openAction(page, 'close');
    await callback(page, { satisfaction: '满意', done: true, effective: false, proper: true });
    // The form says at once that this callback cannot close the complaint.
    await hasText(page.locator('.ant-modal:visible .ant-alert'), '根据回访结果，应当「重新整改」');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消/ }).click();
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });

    await openAction(page, 'rerectify');
    await callback(page, { satisfaction: '基本满意', done: true, effective: false, proper: true, note: '客户反映柜台高峰时段仍有排队。' });
    await hasText(page.locator('.ant-modal:visible .ant-alert'), '回访结果与「重新整改」一致');
    // New measures are required rows: an empty one is refused on the form.
    await page.locator('.ant-modal:visible').getByRole('button', { name: '添加整改措施' }).click();
    await page.getByTestId('action-ok').click();
    await visible(page.locator('.ant-modal:visible').getByText('请填写整改措施内容'));
    await page.locator('.ant-modal:visible #measures_0_description').fill('高峰时段增开一个柜台');
    await page.locator('.ant-modal:visible #measures_0_owner').fill('周建');
    await confirmAction(page);
    await hasText(page.getByTestId('complaint-status'), '整改中');
    await visible(page.getByText('高峰时段增开一个柜台'));
    await done(w);

    const r = await row(id);
    expect(r.status).toBe('rectifying');
    const open_ = (await measures(id)).filter((m) => !m.done_at);
    expect(open_.map((m) => m.description)).toEqual(['高峰时段增开一个柜台']);
  });

  it('a dissatisfied customer and improper handling send the complaint back into round 2', async () => {
    const id = await complaintAt('verifying');
    const w = await as('b1_manager');
    const { page } = w;
    await open(page, id);
    await openAction(page, 'rehandle');
    await callback(page, { satisfaction: '不满意', done: true, effective: true, proper: false, note: '客户认为未向其说明委托失败的原因。' });
    await hasText(page.locator('.ant-modal:visible .ant-alert'), '回访结果与「重新处理」一致');
    await confirmAction(page);
    await hasText(page.getByTestId('complaint-status'), '调查核实中');
    await visible(page.getByText('第 2 轮', { exact: true }));
    // Round 2 starts with an empty draft the manager can write again.
    await visible(page.getByTestId('draft-editor'));
    await done(w);
    const r = await row(id);
    expect(r.status).toBe('investigating');
    expect(Number(r.round)).toBe(2);
  });

  it('the complaint manager records the customer withdrawing, with the reason', async () => {
    const id = await complaintAt('investigating');
    const w = await as('b1_manager');
    const { page } = w;
    await open(page, id);
    await openAction(page, 'withdraw');
    await page.getByTestId('action-ok').click();
    await visible(page.locator('.ant-modal:visible').getByText('请填写原因'));
    expect((await row(id)).status).toBe('investigating');
    await page.locator('.ant-modal:visible #reason').fill('客户来电表示问题已自行解决，撤回投诉。');
    await confirmAction(page);
    await hasText(page.getByTestId('complaint-status'), '已撤回');
    await visible(page.getByText('客户来电表示问题已自行解决，撤回投诉。'));
    // A withdrawn complaint offers no further step.
    expect(await page.locator('button[data-action]').count()).toBe(0);
    await done(w);
    const r = await row(id);
    expect(r.status).toBe('withdrawn');
    expect(r.withdrawn_reason).toBe('客户来电表示问题已自行解决，撤回投诉。');
  });

  it('a complaint flagged malicious waits for the legal review before feedback', async () => {
    const id = await complaintAt('approved');
    const mgr = await as('b1_manager');
    await open(mgr.page, id);
    await visible(mgr.page.locator('button[data-action="give_feedback"]'));
    await openAction(mgr.page, 'flag_malicious');
    await mgr.page.locator('.ant-modal:visible #reason').fill('客户以投诉相要挟，索要与事实不符的赔偿。');
    await confirmAction(mgr.page);
    await visible(mgr.page.getByText('恶意投诉', { exact: true }));
    // Feedback is held back until the legal department has reviewed the case.
    await until('give_feedback to disappear', async () => (await mgr.page.locator('button[data-action="give_feedback"]').count()) === 0);
    expect(Number((await row(id)).malicious)).toBe(1);

    const legal = await as('legal');
    await open(legal.page, id);
    await openAction(legal.page, 'legal_review');
    await legal.page.locator('.ant-modal:visible #opinion').fill('经审核，客户要求缺乏依据，可按既定意见答复，并保留相关证据。');
    await confirmAction(legal.page);
    await visible(legal.page.getByText('经审核，客户要求缺乏依据，可按既定意见答复，并保留相关证据。'));
    await done(legal);
    expect(JSON.parse((await row(id)).legal_review ?? '{}').opinion).toBe('经审核，客户要求缺乏依据，可按既定意见答复，并保留相关证据。');

    await mgr.page.reload();
    await openAction(mgr.page, 'give_feedback');
    await mgr.page.locator('.ant-modal:visible #feedback_content').fill('尊敬的客户：经核实，柜员态度确有不当，已批评教育；您提出的赔偿要求缺乏依据，无法支持。');
    await confirmAction(mgr.page);
    await hasText(mgr.page.getByTestId('complaint-status'), '已反馈');
    await done(mgr);
    expect((await row(id)).status).toBe('feedback_given');
  });
});
