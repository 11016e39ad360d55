/**
 * Records screens in the browser: HQ's quarterly analysis with its charts and
 * a hotspot improvement measure, the monthly-report grid, a branch manager's
 * import of historical record forms (all-or-nothing refuses, valid-only
 * imports the good row), sealing and reading an archive batch, a legal hold on
 * an archived complaint and the destruction it then blocks.
 *
 * The server clock starts on Tuesday 2026-10-20 so October has closed
 * complaints, then moves to Monday 2026-11-30 to archive October.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../src/db/seed.js';
import { acceptComplaint } from '../src/modules/complaints/commands/accept-complaint.js';
import { transitionComplaint } from '../src/modules/complaints/commands/transition.js';
import { inTransaction } from '../src/server/context.js';
import { IMPORT_COLUMNS } from '../web/src/labels.js';
import { DESKTOP, HAVE_BROWSER, PHONE, hasText, launchBrowser, login, modalSettled, openPage, shiftableClock, shot, startServer, until, visible, type Server } from './browser-env.js';

type Input = Parameters<typeof acceptComplaint>[0]['input'];

/** Accept at B01 and, when `close`, take the complaint through every step to closed, as the real commands do. */
async function b1Complaint(server: Server, input: Partial<Input>, close: boolean): Promise<string> {
  const ctx = server.ctx;
  const [clerk, mgr, head, hq] = await Promise.all(['b1_clerk', 'b1_manager', 'b1_head', 'hq_head'].map((u) => actorOf(ctx, u)));
  const id = await inTransaction(ctx, (trx) =>
    acceptComplaint({ ctx, trx, actor: clerk, input: { channel: 'walk_in', category: 'attitude', businessLink: 'account_opening', customerName: '周末', customerPhone: '13800009999', involvedStaff: [{ name: '柜员小李' }], reason: '开户等候时间过长', narrative: '客户称开户排队一小时无人引导。', ...input } as Input }),
  );
  if (!close) return id;
  const steps: [typeof mgr, string, Record<string, unknown>][] = [
    [mgr, 'transfer', {}],
    [mgr, 'submit', { findings: '经调取录像核实，柜员已按规定办理，等候系高峰期所致。', outcomeClass: 'no_fault', noFaultReason: 'none', handlingOpinion: '向客户解释说明。' }],
    [head, 'approve', {}],
    [hq, 'approve', {}],
    [mgr, 'give_feedback', { feedback: { content: '感谢您的反馈，我们已核实处理。', method: 'phone' } }],
    [mgr, 'request_verification', {}],
    [mgr, 'close', { callback: { satisfaction: 'satisfied', rectificationDone: true, rectificationEffective: true, handlingProper: true } }],
  ];
  for (const [actor, action, body] of steps) await inTransaction(ctx, (trx) => transitionComplaint({ ctx, trx, actor, complaintId: id, action, body }));
  return id;
}

/** An XLSX of record forms: row 2 is valid, row 3 lacks the customer's name and has an unknown channel. */
async function importFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('记录表');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const row = (v: Record<string, string>) => ws.addRow(IMPORT_COLUMNS.map((c) => v[c.header] ?? ''));
  row({ 客户姓名: '历史客户甲', 联系电话: '13711112222', 受理日期: '2025-03-18', 渠道: '当面受理', 投诉类别: '服务态度', 投诉事由: '柜员解释不清', 事情经过: '客户称柜员未说明转户所需材料。' });
  row({ 客户姓名: '', 联系电话: '13733334444', 受理日期: '2025-04-02', 渠道: '飞鸽传书', 投诉类别: '服务流程', 投诉事由: '转户手续繁琐', 事情经过: '客户称转户需要多次往返。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** No horizontal scrolling of the page itself (tables scroll inside their own box). */
async function noOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

describe.skipIf(!HAVE_BROWSER)('records screens in the browser', () => {
  let server: Server;
  let browser: Browser;
  const clock = shiftableClock('2026-10-20T02:00:00Z');
  let closedIds: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock, demoComplaints: true });
    // Three more complaints on the same business link and the same person make both hotspots (threshold 3); two are closed in October.
    closedIds = [await b1Complaint(server, { customerName: '钱一' }, true), await b1Complaint(server, { customerName: '孙二' }, true)];
    await b1Complaint(server, { customerName: '李三' }, false);
    clock.set('2026-11-30T02:00:00Z');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page whose browser clock agrees with the server's (date pickers default to "this quarter" and "last month"). */
  async function open(viewport = DESKTOP) {
    const w = await openPage(browser, server.url, viewport);
    await w.context.clock.setFixedTime(clock.now());
    return w;
  }

  it('HQ opens the quarterly analysis: charts render, a hotspot gets a measure that is then done; the monthly grid shows every branch', async () => {
    const { page, problems, context } = await open();
    await login(page, 'hq_manager');
    await page.goto('/reports/quarterly');
    await hasText(page.locator('.page-title'), '季度分析');
    await visible(page.getByTestId('chart-category').locator('canvas'));
    for (const id of ['chart-link', 'chart-channel', 'chart-outcome', 'chart-satisfaction', 'chart-branch', 'chart-staff', 'chart-compliance', 'chart-comparison']) {
      expect(await page.getByTestId(id).locator('canvas').count(), id).toBe(1);
    }
    await hasText(page.locator('.ant-statistic').first(), '7');
    // Hotspots: the business link and the person with 4 complaints each, both still without a measure.
    const hotspots = page.getByTestId('hotspots');
    await hasText(hotspots, '开户与账户管理');
    await hasText(hotspots, '柜员小李');
    expect(await hotspots.getByText('需制定改进措施').count()).toBe(2);
    await shot(page, 'quarterly', true);

    await hotspots.getByTestId('add-measure').first().click();
    await modalSettled(page);
    // The dialog opens with an animation: a click during it may be lost, so press OK until the refusal shows.
    await page.locator('.ant-modal:visible textarea').waitFor();
    await until('empty measure refused', async () => {
      await page.getByTestId('measure-ok').click();
      return (await page.getByText('请填写改进措施').count()) > 0;
    });
    await visible(page.getByText('请填写改进措施'));
    await page.locator('.ant-modal:visible textarea').fill('高峰期增设开户引导岗，开展服务规范培训');
    await page.locator('.ant-modal:visible #owner').fill('刘洋');
    await page.getByTestId('measure-ok').click();
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    await hasText(hotspots, '改进中');
    expect(await hotspots.getByText('需制定改进措施').count()).toBe(1);
    await hotspots.getByTestId('measure-done').click();
    await hasText(hotspots, '改进已完成');
    const m = await server.ctx.db.kysely.selectFrom('improvement_measures').selectAll().execute();
    expect(m.map((x) => [x.kind, x.key, x.owner, x.status, x.unit_id])).toEqual([['business_link', 'account_opening', '刘洋', 'done', null]]);

    // One branch: B02 has a single complaint and no hotspot.
    await page.getByTestId('quarterly-unit').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="洛阳中州路证券营业部"]').click();
    await until('the URL to carry the unit', async () => new URL(page.url()).searchParams.has('unit'));
    await hasText(hotspots, '本季度无热点');

    await page.goto('/reports');
    const grid = page.getByTestId('monthly-grid');
    await visible(grid.locator('[data-state]'));
    expect(await grid.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await grid.locator('[data-state="missing"]').count()).toBeGreaterThan(0);

    // At phone width the page has no horizontal overflow and the charts still draw.
    await page.setViewportSize(PHONE);
    await page.goto('/reports/quarterly');
    await visible(page.getByTestId('chart-category').locator('canvas'));
    await noOverflow(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a branch manager imports historical forms: all-or-nothing refuses with the row error, valid-only imports the good row', async () => {
    const { page, problems, context } = await open();
    await login(page, 'b1_manager');
    const count = async () => Number((await server.ctx.db.kysely.selectFrom('complaints').select((eb) => eb.fn.countAll().as('n')).where('imported', '=', 1).executeTakeFirstOrThrow()).n);
    await page.goto('/imports');
    await hasText(page.locator('.page-title'), '历史记录表导入');

    // The template offered for download has exactly the importer's headers.
    const tpl = await page.request.get('/record-form-template.xlsx');
    expect(tpl.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tpl.body()) as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));

    await page.locator('input[type=file]').setInputFiles({ name: '历史记录表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await importFile() });
    await page.getByTestId('import-run').click();
    await hasText(page.getByTestId('import-summary'), '未导入任何记录');
    const errors = page.getByTestId('import-errors');
    await hasText(errors, '客户姓名不能为空');
    await hasText(errors, '飞鸽传书');
    expect(await errors.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).toEqual(['3', '3']);
    expect(await count()).toBe(0);

    await page.getByText('只导入有效行').click();
    await page.getByTestId('import-run').click();
    await hasText(page.getByTestId('import-summary'), '已导入 1 条');
    await hasText(page.getByTestId('import-imported'), '第 2 行');
    expect(await count()).toBe(1);
    await shot(page, 'import', true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the branch seals October into an archive batch; HQ places a legal hold that then blocks destruction', async () => {
    const { page, problems, context } = await open();
    await login(page, 'b1_manager');
    await page.goto('/archive');
    await hasText(page.getByTestId('archive-batches'), '暂无归档批次');
    await page.getByTestId('seal-open').click();
    await modalSettled(page);
    await page.locator('.ant-modal:visible #location').fill('营业部档案室 2 号柜');
    await page.getByTestId('seal-ok').click();
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    const list = page.getByTestId('archive-batches');
    await hasText(list, 'GD-B01-202610');
    await hasText(list, '营业部档案室 2 号柜');
    await list.getByText('GD-B01-202610').click();
    await hasText(page.getByTestId('batch-number'), 'GD-B01-202610');
    expect(await page.getByTestId('batch-complaints').locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await page.getByTestId('package-zip').getAttribute('href')).toMatch(/\/package\.zip$/);
    // Branch staff cannot place a hold, so the button is not offered.
    expect(await page.getByTestId('legal-hold').count()).toBe(0);
    await page.goto('/archive');
    await visible(page.getByTestId('archive-batches').getByText('GD-B01-202610'));
    await shot(page, 'archive');
    await context.close();

    // HQ's legal department freezes one archived complaint; its page shows the batch and the hold, and the timeline says so in Chinese.
    const legal = await open();
    await login(legal.page, 'legal');
    await legal.page.goto(`/complaints/${closedIds[0]}`);
    const card = legal.page.getByTestId('archive-card');
    await hasText(card, 'GD-B01-202610');
    await legal.page.getByTestId('legal-hold').click();
    await legal.page.locator('.ant-modal:visible textarea').fill('客户已起诉，证据保全');
    await legal.page.getByTestId('legal-hold-ok').click();
    await hasText(legal.page.getByTestId('legal-hold-state'), '诉讼保全冻结中');
    await hasText(legal.page.getByTestId('timeline'), '诉讼保全冻结');
    await hasText(legal.page.getByTestId('timeline'), '归档');
    const number = (await legal.page.getByTestId('complaint-number').innerText()).trim();
    await legal.context.close();

    // Five years on, the batch is due; the request is refused naming the held complaint, and nothing is requested.
    clock.set('2031-12-01T02:00:00Z');
    const hq = await open();
    await login(hq.page, 'hq_manager');
    await hq.page.goto('/retention');
    const due = hq.page.getByTestId('retention-due');
    await hasText(due, 'GD-B01-202610');
    await hasText(due, number);
    await due.getByTestId('request-destruction').click();
    await hq.page.getByTestId('destruction-ok').click();
    await hasText(hq.page.getByTestId('destruction-blocked'), number);
    await shot(hq.page, 'retention');
    expect(await server.ctx.db.kysely.selectFrom('destruction_requests').selectAll().execute()).toEqual([]);
    await noOverflow(hq.page);
    expect([...problems, ...legal.problems, ...hq.problems]).toEqual([]);
    await hq.context.close();
  });
});
