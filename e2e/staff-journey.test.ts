/**
 * Staff journeys in the browser against the real server: a clerk accepts a
 * walk-in complaint through the intake form; it goes through transfer,
 * investigation, two approval levels, feedback, rectification, callback and
 * close across four users; a user of another branch cannot open it by URL.
 * Screenshots of the main screens go to docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, HAVE_BROWSER, PHONE, confirmAction, hasText, launchBrowser, login, openAction, openPage, pickOption, shot, startServer, until, visible, type Server, type Watched } from './browser-env.js';

/** The workflow buttons the page shows (each is one of the server's allowedActions), once the complaint has loaded. */
async function actionsShown(page: Page): Promise<string[]> {
  await page.getByTestId('complaint-status').waitFor();
  return page.locator('button[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? '').sort());
}

async function status(page: Page, expected: string): Promise<void> {
  await hasText(page.getByTestId('complaint-status'), expected);
}

describe.skipIf(!HAVE_BROWSER)('staff workbench in the browser', () => {
  let server: Server;
  let browser: Browser;
  let complaintId = '';
  const sessions: Watched[] = [];

  /** A signed-in page for a user; every page's console is checked at the end of its test. */
  async function as(username: string, viewport = DESKTOP): Promise<Watched> {
    const w = await openPage(browser, server.url, viewport);
    sessions.push(w);
    await login(w.page, username);
    return w;
  }
  async function done(w: Watched): Promise<void> {
    expect(w.problems).toEqual([]);
    await w.context.close();
  }

  beforeAll(async () => {
    server = await startServer({ demoComplaints: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a clerk accepts a walk-in complaint through the intake form', async () => {
    const anon = await openPage(browser, server.url);
    await anon.page.goto('/login');
    await visible(anon.page.getByText('经纪业务总部 · 营业部'));
    await shot(anon.page, 'login');
    // A wrong password is refused with the server's Chinese message and no redirect.
    await anon.page.locator('#username').fill('b1_clerk');
    await anon.page.locator('#password').fill('wrong-password');
    await anon.page.getByRole('button', { name: /登\s*录/ }).click();
    await visible(anon.page.getByText('用户名或密码错误'));
    await done(anon);

    const w = await as('b1_clerk');
    const { page } = w;
    await page.getByRole('menuitem', { name: '投诉登记' }).click();
    await page.waitForURL('**/complaints/new');
    // Keyboard: Ctrl+Enter saves; an empty form is refused field by field in Chinese.
    await page.locator('#customerName').focus();
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText('请填写客户姓名'));
    await visible(page.getByText('请至少填写一种联系方式（电话、邮箱或地址）'));
    await visible(page.getByText('请填写投诉事由'));

    // Channel-specific fields follow the channel.
    await page.getByText('客户意见簿', { exact: true }).click();
    await visible(page.locator('#channelDetails_opinionBookPage'));
    await page.getByText('当面受理', { exact: true }).click();
    // The field leaves with an animation: wait for it to go rather than count at once.
    await page.locator('#channelDetails_opinionBookPage').waitFor({ state: 'detached' });
    expect(await page.locator('#channelDetails_opinionBookPage').count()).toBe(0);

    await page.locator('#customerName').fill('张伟');
    // The same phone as an open complaint at this branch: the repeat warning appears when the field is left.
    await page.locator('#customerPhone').fill('13812345678');
    await page.keyboard.press('Tab');
    await hasText(page.getByTestId('repeat-warning'), '该客户已有 1 件投诉');
    await page.getByText('服务态度', { exact: true }).click();
    await pickOption(page, 'businessLink', '交易委托');
    await page.locator('#location').fill('营业部大厅');
    await page.locator('#reason').fill('柜员拒绝解释委托失败原因');
    await page.locator('#narrative').fill('客户称上午在柜台询问委托为何失败，柜员以“系统问题”为由不予解释，态度生硬。');
    await page.locator('#involvedStaff_0_name').fill('柜员小李');
    await page.locator('#involvedStaff_0_position').fill('综合柜员');
    await page.locator('#preliminaryOpinion').fill('先行致歉，调取录像核实。');
    await shot(page, 'intake', true);
    await page.keyboard.press('Control+Enter');

    const title = await hasText(page.locator('.ant-result-title'), /已受理：B01-20261130-\d{3}/);
    await visible(page.getByText('调查期限 2026-12-02，反馈期限 2026-12-03', { exact: false }));
    // Attachments go up once the complaint exists: a scanned page (a PNG; the server checks the bytes, not the name).
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    await page.locator('input[type=file]').setInputFiles({ name: '意见书扫描件.png', mimeType: 'image/png', buffer: png });
    await visible(page.getByText('已上传：意见书扫描件.png'));
    await visible(page.getByRole('link', { name: /意见书扫描件\.png/ }));
    await page.getByTestId('open-created').click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    complaintId = page.url().split('/').pop()!;
    await hasText(page.getByTestId('complaint-number'), title.replace('已受理：', ''));
    await status(page, '已受理');
    // The buttons are the server's allowedActions for a clerk: pass the form on, but never investigate or approve.
    const clerkActions = await actionsShown(page);
    expect(clerkActions).toContain('transfer');
    for (const a of ['submit', 'approve', 'give_feedback', 'close']) expect(clerkActions).not.toContain(a);
    await hasText(page.getByTestId('timeline'), '受理登记');
    await done(w);
  });

  it('the complaint goes through approval, feedback, callback and close across four users', async () => {
    expect(complaintId).not.toBe('');
    const url = `/complaints/${complaintId}`;

    // 1. The branch's complaint manager: transfer on the acceptance day, investigate, submit.
    const mgr = await as('b1_manager');
    await visible(mgr.page.getByTestId('counter-transfer'));
    await shot(mgr.page, 'workbench');
    await mgr.page.goto(url);
    await openAction(mgr.page, 'transfer');
    await confirmAction(mgr.page);
    await status(mgr.page, '调查核实中');
    await openAction(mgr.page, 'submit');
    const modal = mgr.page.locator('.ant-modal:visible');
    await modal.locator('#findings').fill('调取录像：柜员未解释委托失败原因（资金不足），语气生硬，属实。');
    await modal.getByText('我方有一定责任，但与事实不完全符合', { exact: false }).click();
    await modal.locator('#handlingOpinion').fill('向客户当面致歉并解释委托失败原因（可用资金不足），对柜员进行批评教育。');
    await modal.getByRole('button', { name: '添加整改措施' }).click();
    await modal.locator('#rectifications_0_description').fill('组织柜员开展服务规范与委托业务解释培训');
    await modal.locator('#rectifications_0_owner').fill('周建');
    await modal.getByRole('button', { name: '添加责任人处理' }).click();
    await modal.locator('#accountabilityActions_0_person').fill('柜员小李');
    await modal.locator('#accountabilityActions_0_measure').fill('批评教育，扣减当月服务考核分');
    await shot(mgr.page, 'action-submit');
    await confirmAction(mgr.page);
    await status(mgr.page, '待审批');
    // The drafter cannot approve their own opinion: no approval buttons for the manager.
    expect(await actionsShown(mgr.page)).not.toContain('approve');
    await done(mgr);

    // 2. The branch head approves the first level.
    const head = await as('b1_head');
    await head.page.goto(url);
    const headActions = await actionsShown(head.page);
    expect(headActions).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(headActions).not.toContain('submit');
    await openAction(head.page, 'approve');
    await head.page.locator('.ant-modal:visible #comment').fill('同意，请尽快反馈客户。');
    await confirmAction(head.page);
    await status(head.page, '待审批');
    await hasText(head.page.getByText('同意，请尽快反馈客户。'), '同意');
    // The first level is decided; the next one belongs to HQ.
    expect(await actionsShown(head.page)).not.toContain('approve');
    await done(head);

    // 3. The HQ head sees it under "to approve" on the workbench and approves the last level.
    const hq = await as('hq_head');
    await hq.page.getByTestId('counter-approve').click();
    await hq.page.getByRole('link', { name: /B01-20261130/ }).first().waitFor();
    await hq.page.goto(url);
    await openAction(hq.page, 'approve');
    await confirmAction(hq.page);
    await status(hq.page, '已审批');
    await done(hq);

    // 4. The manager gives feedback (a forbidden phrase is refused), rectifies, calls back and closes.
    const m2 = await as('b1_manager');
    await m2.page.goto(url);
    await openAction(m2.page, 'give_feedback');
    const fb = m2.page.locator('.ant-modal:visible #feedback_content');
    await fb.fill('经核实，柜员不可能故意刁难您。');
    await m2.page.getByTestId('action-ok').click();
    await hasText(m2.page.getByTestId('action-error'), '禁用语');
    await fb.fill('经核实，委托失败系可用资金不足所致，柜员未及时解释，我们深表歉意，已对其批评教育并组织培训。');
    await m2.page.locator('.ant-modal:visible #feedback_customerReaction').fill('客户表示理解');
    await confirmAction(m2.page);
    await status(m2.page, '已反馈');
    await openAction(m2.page, 'start_rectification');
    await confirmAction(m2.page);
    await status(m2.page, '整改中');
    await openAction(m2.page, 'complete_measure');
    await m2.page.locator('.ant-modal:visible #note').fill('11月30日下午完成培训，签到表已存档。');
    await confirmAction(m2.page);
    await hasText(m2.page.locator('.ant-table').filter({ hasText: '组织柜员' }), '已完成');
    await openAction(m2.page, 'request_verification');
    await confirmAction(m2.page);
    await status(m2.page, '待回访验证');

    // At the callback step the customer answers the satisfaction survey from the link, on a phone.
    await visible(m2.page.getByText('满意度评价链接'));
    const code = (await m2.page.getByTestId('tracking-code').innerText()).trim();
    const customer = await openPage(browser, server.url, PHONE);
    await customer.page.goto(`/portal/survey?code=${code}`);
    await customer.page.locator('#phoneLast4').fill('5678');
    await customer.page.getByRole('button', { name: '下一步' }).click();
    await customer.page.getByText('满意', { exact: true }).click();
    await customer.page.locator('#comment').fill('处理及时，态度诚恳。');
    await shot(customer.page, 'portal-survey-mobile');
    await customer.page.getByRole('button', { name: /提交评价/ }).click();
    await visible(customer.page.getByText('感谢您的评价'));
    await done(customer);
    await m2.page.reload();
    await hasText(m2.page.getByTestId('survey-answer'), '满意');
    await openAction(m2.page, 'close');
    const cb = m2.page.locator('.ant-modal:visible');
    await cb.locator('#callback_satisfaction').getByText('满意', { exact: true }).click();
    await cb.locator('#callback_rectificationDone').getByText('是', { exact: true }).click();
    await cb.locator('#callback_rectificationEffective').getByText('是', { exact: true }).click();
    await cb.locator('#callback_handlingProper').getByText('是', { exact: true }).click();
    await hasText(cb.locator('.ant-alert'), '回访结果与「办结」一致');
    await cb.locator('#callback_note').fill('电话回访，客户对处理结果满意。');
    await confirmAction(m2.page);
    await status(m2.page, '已办结');
    expect(await actionsShown(m2.page)).toEqual([]);
    const timeline = await hasText(m2.page.getByTestId('timeline'), '办结');
    for (const step of ['受理登记', '传递给投诉管理人员', '提交审批', '审批通过', '反馈客户', '开始整改', '整改措施完成', '提请回访验证']) expect(timeline).toContain(step);
    expect(timeline).toContain('周建（营业部一负责人）');
    expect(timeline).toContain('李强（经纪业务总部负责人）');
    await shot(m2.page, 'complaint', true);

    // The print view of the record form in the official layout.
    await m2.page.goto(`${url}/print`);
    const sheet = await hasText(m2.page.getByTestId('print-sheet'), '客户投诉处理记录表');
    for (const text of ['柜员拒绝解释委托失败原因', '我方有一定责任', '营业部负责人：同意', '经纪业务总部负责人：同意', '客户满意度：满意']) expect(sheet).toContain(text);
    await shot(m2.page, 'print', true);
    await done(m2);

    // The database agrees with what the screens showed.
    const row = await server.ctx.db.kysely.selectFrom('complaints').select(['status', 'round']).where('id', '=', complaintId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', round: 1 });
  });

  it("a user of another branch cannot open a branch's complaint by URL", async () => {
    const b1 = await server.ctx.db.kysely
      .selectFrom('complaints')
      .innerJoin('units', 'units.id', 'complaints.accepting_unit_id')
      .select('complaints.id')
      .where('units.code', '=', 'B01')
      .executeTakeFirstOrThrow();
    const w = await as('b2_manager');
    await w.page.goto(`/complaints/${b1.id}`);
    await visible(w.page.getByText('投诉不存在'));
    await visible(w.page.getByText('该投诉不存在，或不在您的数据权限范围内。'));
    expect(await w.page.locator('button[data-action]').count()).toBe(0);
    await shot(w.page, 'not-found');
    // The print view refuses it too, and the list shows only the own branch's complaints.
    await w.page.goto(`/complaints/${b1.id}/print`);
    await visible(w.page.getByText('投诉不存在'));
    await w.page.goto('/complaints');
    await w.page.locator('.ant-table-row').first().waitFor();
    const numbers = await w.page.locator('.ant-table-row td:first-child a').allInnerTexts();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n.startsWith('B02-'))).toBe(true);
    await done(w);
  });

  it('list, dashboard, calendar and the workbench on a phone are usable', async () => {
    const hq = await as('hq_head');
    await hq.page.goto('/complaints');
    await hq.page.locator('.ant-table-row').first().waitFor();
    const all = await hq.page.locator('.ant-table-row').count();
    // Text search narrows the list; the filter lives in the URL so a saved view can restore it.
    await hq.page.getByPlaceholder('编号、客户姓名、事由、经过').fill('空调');
    await hq.page.keyboard.press('Enter');
    await hq.page.waitForURL(/text=/);
    await until('the search to narrow the list', async () => (await hq.page.locator('.ant-table-row').count()) < all);
    await hasText(hq.page.locator('.ant-table-tbody'), '营业部大厅空调故障');
    await hq.page.getByRole('button', { name: '清除' }).click();
    await hq.page.getByRole('button', { name: '已超期' }).waitFor();
    await hq.page.locator('.ant-table-row').nth(all - 1).waitFor();
    await shot(hq.page, 'list');

    await hq.page.getByRole('menuitem', { name: '统计分析' }).click();
    await hq.page.getByTestId('chart-status').locator('canvas').waitFor();
    await shot(hq.page, 'dashboard', true);

    await hq.page.getByRole('menuitem', { name: '系统管理' }).click();
    await hq.page.getByRole('menuitem', { name: '工作日历' }).click();
    await visible(hq.page.getByText('已加载官方安排'));
    await shot(hq.page, 'calendar');
    await hq.page.getByRole('menuitem', { name: '系统设置' }).click();
    expect(await hq.page.locator('#investigationWorkingDays').inputValue()).toBe('3');
    expect(await hq.page.locator('#feedbackWorkingDays').inputValue()).toBe('4');

    // English is one click away; the record-form terms stay Chinese.
    await hq.page.getByText('EN', { exact: true }).click();
    await visible(hq.page.getByRole('menuitem', { name: 'My workbench' }));
    await hq.page.getByText('中文', { exact: true }).click();
    await visible(hq.page.getByRole('menuitem', { name: '我的工作台' }));
    await done(hq);

    const phone = await as('b1_manager', PHONE);
    await visible(phone.page.getByTestId('counter-transfer'));
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone.page, 'workbench-mobile');
    await done(phone);
  });
});
