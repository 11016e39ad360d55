/**
 * Editing in the browser against the real server: a clerk corrects the
 * narrative of a received complaint (only that field is sent, and the
 * timeline shows the edit); a manager saves a handling draft, reloads, finds
 * it, and submits with the prefilled form; the feedback form is prefilled
 * from the outcome class's template and flags a forbidden phrase while
 * typing; a stale edit shows the conflict; an admin adds branch B03 with its
 * own approval chain and a business link, and an HQ clerk picks both at intake.
 */
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, DEMO_PASSWORD } from '../src/db/seed.js';
import type { Actor } from '../src/domain/workflow.js';
import { acceptComplaint } from '../src/modules/complaints/commands/accept-complaint.js';
import { transitionComplaint } from '../src/modules/complaints/commands/transition.js';
import { createUser } from '../src/modules/org/users.commands.js';
import { inTransaction } from '../src/server/context.js';
import { DESKTOP, HAVE_BROWSER, confirmAction, hasText, launchBrowser, login, openAction, openPage, pickOption, shot, startServer, until, visible, type Server, type Watched } from './browser-env.js';

describe.skipIf(!HAVE_BROWSER)('editing the record form, drafts and the organisation in the browser', () => {
  let server: Server;
  let browser: Browser;
  const sessions: Watched[] = [];

  async function as(username: string, password?: string): Promise<Watched> {
    const w = await openPage(browser, server.url, DESKTOP);
    sessions.push(w);
    await login(w.page, username, password);
    return w;
  }
  async function done(w: Watched): Promise<void> {
    expect(w.problems).toEqual([]);
    await w.context.close();
  }
  const accept = async (username: string, input: Record<string, unknown>) => {
    const actor = await actorOf(server.ctx, username);
    return inTransaction(server.ctx, (trx) => acceptComplaint({ ctx: server.ctx, trx, actor, input: input as never }));
  };
  const act = async (username: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const actor: Actor = await actorOf(server.ctx, username);
    await inTransaction(server.ctx, (trx) => transitionComplaint({ ctx: server.ctx, trx, actor, complaintId: id, action, body }));
  };
  const row = (id: string) => server.ctx.db.kysely.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** The JSON bodies of the PATCH requests the page sends. */
  const patches = (w: Watched) => {
    const bodies: Record<string, unknown>[] = [];
    w.page.on('request', (r: Request) => {
      if (r.method() === 'PATCH' && /\/api\/complaints\//.test(r.url())) bodies.push(r.postDataJSON() as Record<string, unknown>);
    });
    return bodies;
  };

  beforeAll(async () => {
    server = await startServer({ demoComplaints: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a clerk corrects a typo in the narrative; only that field is sent and the timeline shows the edit', async () => {
    const id = await accept('b1_clerk', {
      channel: 'walk_in', category: 'attitude', businessLink: 'trading', customerName: '钱进', customerPhone: '13855556666', accountNumber: '3100998877665',
      reason: '柜员未解释委托失败原因', narrative: '客户称上午在柜台询问委托为何失败，柜员态度生硬，不予解释（错别字：委拖）。',
    });
    const w = await as('b1_clerk');
    const { page } = w;
    const sent = patches(w);
    await page.goto(`/complaints/${id}`);
    await page.getByTestId('complaint-status').waitFor();
    // The page shows the phone masked; the edit form loads the revealed record.
    await visible(page.getByText('138****6666'));
    await page.getByTestId('edit-record').click();
    const modal = page.locator('.ant-modal:visible');
    await until('the revealed record in the edit form', async () => (await modal.locator('#edit_customerPhone').inputValue().catch(() => '')) === '13855556666');
    // A clerk edits the record of acceptance, never the handling draft.
    expect(await modal.locator('#edit_narrative').isDisabled()).toBe(false);
    await modal.locator('#edit_narrative').fill('客户称上午在柜台询问委托为何失败，柜员态度生硬，不予解释。');
    await modal.locator('#edit_narrative').scrollIntoViewIfNeeded();
    await shot(page, 'edit');
    await page.getByTestId('edit-save').click();
    await modal.waitFor({ state: 'hidden' });
    await hasText(page.getByTestId('timeline'), '修改：事情经过');
    await hasText(page.getByTestId('timeline'), '修改记录表');
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]).sort()).toEqual(['narrative', 'version']);
    const r = await row(id);
    expect(r.narrative).toBe('客户称上午在柜台询问委托为何失败，柜员态度生硬，不予解释。');
    expect(r.customer_phone).toBe('13855556666');
    expect(r.version).toBe(2);
    // Opening the edit form revealed personal data: that view is in the audit trail.
    await hasText(page.getByTestId('timeline'), '查看完整个人信息');

    // An empty required field is refused in Chinese on the field, and nothing is sent.
    await page.getByTestId('edit-record').click();
    await until('the edit form', async () => (await modal.locator('#edit_reason').inputValue().catch(() => '')) !== '');
    await modal.locator('#edit_reason').fill('');
    await page.getByTestId('edit-save').click();
    await visible(modal.getByText('请填写投诉事由'));
    expect(sent).toHaveLength(1);
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await done(w);
  });

  it('a stale edit shows the conflict and reloads; nothing of it is stored', async () => {
    const id = await accept('b1_clerk', {
      channel: 'phone', category: 'process', customerName: '孙丽', customerPhone: '13877778888', channelDetails: { callerNumber: '13877778888' },
      reason: '转账未到账', narrative: '客户来电称银证转账未到账。',
    });
    const w = await as('b1_clerk');
    const { page } = w;
    await page.goto(`/complaints/${id}`);
    await page.getByTestId('edit-record').click();
    const modal = page.locator('.ant-modal:visible');
    await until('the edit form', async () => (await modal.locator('#edit_narrative').inputValue().catch(() => '')) !== '');
    // Meanwhile someone else saves: the stored version moves on.
    await server.ctx.db.kysely.updateTable('complaints').set({ narrative: '客户来电称银证转账两日未到账（他人已修改）。', version: 2 }).where('id', '=', id).execute();
    await modal.locator('#edit_narrative').fill('客户来电称银证转账未到账，要求说明原因。');
    await page.getByTestId('edit-save').click();
    await hasText(page.getByTestId('edit-error'), '已被他人修改');
    // The form reloads the other person's text, and the page shows it too.
    await until('the reloaded narrative', async () => (await modal.locator('#edit_narrative').inputValue().catch(() => '')).includes('他人已修改'));
    const r = await row(id);
    expect(r.narrative).toBe('客户来电称银证转账两日未到账（他人已修改）。');
    expect(r.version).toBe(2);
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await visible(page.getByText('客户来电称银证转账两日未到账（他人已修改）。'));
    await done(w);
  });

  it('a manager saves a draft, reloads, sees it, submits with the prefilled form; feedback is prefilled from the template', async () => {
    const id = await accept('b1_clerk', {
      channel: 'walk_in', category: 'attitude', businessLink: 'trading', customerName: '周明', customerPhone: '13811110000',
      reason: '柜员服务态度差', narrative: '客户称柜员办理业务时态度生硬。',
    });
    await act('b1_manager', id, 'transfer');
    const w = await as('b1_manager');
    const { page } = w;
    const sent = patches(w);
    await page.goto(`/complaints/${id}`);
    const draft = page.getByTestId('draft-editor');
    await draft.locator('#draft_findings').fill('调取录像：柜员语气生硬，未主动解释，属实。');
    await draft.getByText('我方有一定责任，但与事实不完全符合', { exact: false }).click();
    // A forbidden phrase in the opinion is flagged while typing.
    await draft.locator('#draft_handlingOpinion').fill('我们没有错，但向客户解释。');
    await hasText(draft.getByTestId('phrase-warning'), '我们没有错');
    await draft.locator('#draft_handlingOpinion').fill('向客户当面致歉，对柜员批评教育。');
    await until('the warning to clear', async () => (await draft.getByTestId('phrase-warning').count()) === 0);
    await draft.getByRole('button', { name: '添加整改措施' }).click();
    await draft.locator('#draft_rectifications_0_description').fill('开展服务规范培训');
    await draft.locator('#draft_rectifications_0_owner').fill('周建');
    await draft.getByRole('button', { name: '添加责任人处理' }).click();
    await draft.locator('#draft_accountabilityActions_0_person').fill('柜员小王');
    await draft.locator('#draft_accountabilityActions_0_measure').fill('批评教育');
    await page.getByTestId('save-draft').click();
    await visible(page.getByText('草稿已保存'));
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]).sort()).toEqual(['accountabilityActions', 'findings', 'handlingOpinion', 'outcomeClass', 'rectifications', 'version']);
    const r = await row(id);
    expect(r.status).toBe('investigating');
    expect(r.findings).toBe('调取录像：柜员语气生硬，未主动解释，属实。');

    await page.reload();
    await until('the saved draft after a reload', async () => (await page.locator('#draft_findings').inputValue().catch(() => '')) === '调取录像：柜员语气生硬，未主动解释，属实。');
    expect(await page.locator('#draft_rectifications_0_description').inputValue()).toBe('开展服务规范培训');

    await openAction(page, 'submit');
    const modal = page.locator('.ant-modal:visible');
    expect(await modal.locator('#findings').inputValue()).toBe('调取录像：柜员语气生硬，未主动解释，属实。');
    expect(await modal.locator('#handlingOpinion').inputValue()).toBe('向客户当面致歉，对柜员批评教育。');
    expect(await modal.locator('#rectifications_0_description').inputValue()).toBe('开展服务规范培训');
    await confirmAction(page);
    await hasText(page.getByTestId('complaint-status'), '待审批');
    // Once submitted the draft is no longer editable here.
    expect(await page.getByTestId('draft-editor').count()).toBe(0);

    await act('b1_head', id, 'approve', { comment: '同意' });
    await act('hq_head', id, 'approve', { comment: '同意' });
    await page.reload();
    await openAction(page, 'give_feedback');
    const content = modal.locator('#feedback_content');
    await until('the template in the feedback form', async () => (await content.inputValue()).startsWith('尊敬的周明'));
    expect(await content.inputValue()).toContain('“柜员服务态度差”一事');
    expect(await content.inputValue()).toContain('开展服务规范培训');
    // A placeholder left in the template is refused before sending.
    await page.getByTestId('action-ok').click();
    await visible(modal.getByText('请补全模板中的：{环节}'));
    await content.fill('尊敬的周明：经核实，柜员态度确有不当，不可能再发生。');
    await hasText(modal.getByTestId('phrase-warning'), '不可能');
    await content.fill('尊敬的周明：经核实，柜员态度确有不当，我们深表歉意，已对其批评教育并组织培训。');
    await until('the warning to clear', async () => (await modal.getByTestId('phrase-warning').count()) === 0);
    await confirmAction(page);
    await hasText(page.getByTestId('complaint-status'), '已反馈');
    await done(w);
  });

  it('an admin adds branch B03 with its own chain and a business link; an HQ clerk picks both at intake', async () => {
    const adminId = (await server.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', 'hq_admin').executeTakeFirstOrThrow()).id;
    const hq = await server.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', 'HQ').executeTakeFirstOrThrow();
    await inTransaction(server.ctx, (trx) => createUser({ ctx: server.ctx, trx, actorId: adminId, input: { username: 'hq_clerk', displayName: '总部受理员', unitId: hq.id, roles: ['clerk'], password: DEMO_PASSWORD } }));

    // Others read the organisation without edit buttons.
    const head = await as('hq_head');
    await head.page.goto('/admin/org');
    await visible(head.page.getByText('组织机构由系统管理员维护'));
    expect(await head.page.getByTestId('unit-new').count()).toBe(0);
    await done(head);

    const w = await as('hq_admin');
    const { page } = w;
    await page.goto('/admin/org');
    await page.getByTestId('unit-new').click();
    let modal = page.locator('.ant-modal:visible');
    await modal.locator('#code').fill('B01');
    await modal.locator('#name').fill('新乡人民路证券营业部');
    await page.getByTestId('unit-save').click();
    // A duplicate code is refused on the field.
    await visible(modal.locator('.ant-form-item-explain-error').getByText('单位代码 B01 已存在'));
    await modal.locator('#code').fill('B03');
    // Chain: branch head, HQ head, company leader (add the third level to the default two).
    await modal.locator('#approvalLevels').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="公司分管领导"]').click();
    await modal.locator('#email').fill('b03@example.com');
    await shot(page, 'admin-org');
    await page.getByTestId('unit-save').click();
    await modal.waitFor({ state: 'hidden' });
    await visible(page.locator('tr').filter({ hasText: 'B03' }).getByText('3. 公司分管领导'));
    const b03 = await server.ctx.db.kysely.selectFrom('units').selectAll().where('code', '=', 'B03').executeTakeFirstOrThrow();
    expect(JSON.parse(b03.approval_levels)).toEqual(['branch_head', 'hq_head', 'company_leader']);
    expect(b03.kind).toBe('branch');

    await page.goto('/admin/business-links');
    await page.getByTestId('link-new').click();
    modal = page.locator('.ant-modal:visible');
    await modal.locator('#code').fill('Stock Pledge');
    await modal.locator('#name').fill('股票质押式回购');
    await page.getByTestId('link-save').click();
    await visible(modal.getByText('代码为 2–40 位小写字母、数字或下划线'));
    await modal.locator('#code').fill('stock_pledge');
    await page.getByTestId('link-save').click();
    await modal.waitFor({ state: 'hidden' });
    await visible(page.locator('tr').filter({ hasText: 'stock_pledge' }).getByText('股票质押式回购'));
    await done(w);

    const c = await as('hq_clerk');
    await c.page.goto('/complaints/new');
    await pickOption(c.page, 'acceptingUnitId', '新乡人民路证券营业部');
    // The new link is the last of eleven: the list is virtual, so search for it as a clerk would.
    await c.page.locator('#businessLink').click();
    await c.page.keyboard.type('股票质押');
    await c.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="股票质押式回购"]').click();
    await c.page.locator('#customerName').fill('冯涛');
    await c.page.locator('#customerPhone').fill('13822223333');
    await c.page.locator('#reason').fill('股票质押合约到期未提醒');
    await c.page.locator('#narrative').fill('客户称质押式回购合约到期前未收到提醒。');
    await c.page.keyboard.press('Control+Enter');
    await hasText(c.page.locator('.ant-result-title'), /已受理：B03-20261130-\d{3}/);
    const created = await server.ctx.db.kysely.selectFrom('complaints').selectAll().where('accepting_unit_id', '=', b03.id).executeTakeFirstOrThrow();
    expect(created.business_link).toBe('stock_pledge');
    await done(c);
  });
});
