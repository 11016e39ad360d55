/**
 * Customer journey on a phone-sized screen: file a complaint online (privacy
 * notice, challenge), receive a tracking code, look up progress; and the
 * complaint reaches the branch's staff.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_BROWSER, PHONE, hasText, launchBrowser, login, openPage, pickOption, shot, startServer, visible, type Server } from './browser-env.js';

/** "7 加 3 等于几？" → 10; "9 减 4 等于几？" → 5 */
function solve(question: string): string {
  const m = /(\d+)\s*(加|减)\s*(\d+)/.exec(question);
  if (!m) throw new Error(`unexpected challenge: ${question}`);
  return String(m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3]));
}

describe.skipIf(!HAVE_BROWSER)('customer portal in the browser', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('files a complaint online, gets a tracking code and looks up progress', async () => {
    const { page, problems, context } = await openPage(browser, server.url, PHONE);
    // First load on a phone must stay light: code and styles actually transferred (brotli/gzip where accepted).
    const loaded: Promise<number>[] = [];
    page.on('requestfinished', (req) => {
      if (/\.(js|css)$/.test(req.url())) loaded.push(req.sizes().then((s) => s.responseBodySize));
    });
    await page.goto('/portal', { waitUntil: 'networkidle' });
    const firstLoad = (await Promise.all(loaded)).reduce((a, b) => a + b, 0);
    console.log(`[e2e] /portal first load: ${loaded.length} files, ${Math.round(firstLoad / 1024)} kB of JS and CSS transferred`);
    expect(firstLoad).toBeGreaterThan(50 * 1024);
    expect(firstLoad).toBeLessThan(450 * 1024);
    await hasText(page.getByTestId('privacy-notice'), '5 年');
    await pickOption(page, 'unitId', '郑州花园路证券营业部');
    await page.locator('#customerName').fill('钱多多');
    await page.locator('#customerPhone').fill('139 0000 4321');
    await page.locator('#reason').fill('手机App委托下单后长时间未成交也无法撤单');
    await page.locator('#narrative').fill('11月27日上午10点在手机App下单买入，系统显示已报但一直无法撤单，客服电话也打不通。');
    await page.locator('#occurredAt').fill('2026年11月27日上午');

    // Submitting without the privacy consent and the challenge answer is refused in Chinese, before any request.
    await page.getByTestId('portal-submit').click();
    await visible(page.getByText('请阅读并同意《个人信息保护说明》', { exact: true }));
    await page.getByText('我已阅读并同意《个人信息保护说明》').click();
    const label = await page.locator('label', { hasText: '验证：' }).innerText();
    await page.getByLabel('验证题答案').fill(solve(label));
    await shot(page, 'portal-file-mobile', true);
    await page.getByTestId('portal-submit').click();

    const code = (await hasText(page.getByTestId('tracking-code'), /\w{10}/)).trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await visible(page.getByText('您的投诉已受理'));
    await shot(page, 'portal-ack-mobile');

    // Progress lookup: the wrong phone digits reveal nothing; the right ones show the stage and dates.
    await page.getByRole('button', { name: '查询办理进度' }).click();
    await page.waitForURL(/\/portal\/track\?code=/);
    await page.locator('#phoneLast4').fill('0000');
    await page.getByTestId('track-submit').click();
    await visible(page.getByText('未找到该投诉，请核对查询码和手机号后四位'));
    await page.locator('#phoneLast4').fill('4321');
    await page.getByTestId('track-submit').click();
    expect(await hasText(page.getByTestId('track-stage'), '已受理')).toBe('已受理');
    await visible(page.getByText('反馈处理意见期限'));
    // Feedback within 4 working days from Monday 2026-11-30 (counted from and including it) is Thursday 2026-12-03.
    await visible(page.getByText('2026-12-03'));
    // The customer never sees staff names or internal notes.
    expect(await page.locator('body').innerText()).not.toContain('刘洋');
    await shot(page, 'portal-track-mobile', true);
    // The page fits a phone: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();

    // The complaint arrived at the branch as an online complaint.
    const staff = await openPage(browser, server.url);
    await login(staff.page, 'b1_manager');
    await staff.page.goto('/complaints?text=' + encodeURIComponent('钱多多'));
    await staff.page.getByRole('link', { name: /^B01-/ }).first().click();
    await visible(staff.page.getByText('客户在线提交'));
    await hasText(staff.page.getByTestId('complaint-status'), '已受理');
    expect(staff.problems).toEqual([]);
    await staff.context.close();
  });
});
