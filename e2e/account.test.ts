/**
 * 修改密码 from the user menu, against the real server: a wrong current
 * password is refused on its field, a mismatched confirmation never leaves
 * the browser, and after the change this session goes on while the old
 * password no longer signs in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, HAVE_BROWSER, launchBrowser, login, openPage, startServer, visible, type Server } from './browser-env.js';

describe.skipIf(!HAVE_BROWSER)('changing one’s password in the browser', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ demoComplaints: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong current password on the field, then changes it and keeps this session', async () => {
    const w = await openPage(browser, server.url, DESKTOP);
    const { page } = w;
    const posts: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/auth/password')) posts.push(r.postDataJSON());
    });
    await login(page, 'b2_clerk');
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#currentPassword').fill('demo12345');
    await modal.locator('#newPassword').fill('Xinmima2026');
    await modal.locator('#confirm').fill('Xinmima2027');
    await page.getByTestId('password-ok').click();
    await visible(modal.getByText('两次输入的新密码不一致'));
    expect(posts).toHaveLength(0);

    await modal.locator('#confirm').fill('Xinmima2026');
    await modal.locator('#currentPassword').fill('wrong-password1');
    await page.getByTestId('password-ok').click();
    await visible(modal.getByText('当前密码不正确'));
    expect(posts).toHaveLength(1);

    await modal.locator('#currentPassword').fill('demo12345');
    await page.getByTestId('password-ok').click();
    await visible(page.getByText('密码已修改，其他设备上的登录已退出'));
    await modal.waitFor({ state: 'hidden' });
    // This session continues with the replaced cookie.
    await page.goto('/complaints');
    await page.getByTestId('user-menu').waitFor();
    expect(page.url()).not.toContain('/login');
    expect(w.problems).toEqual([]);
    await w.context.close();

    // The old password no longer works; the new one does.
    const other = await openPage(browser, server.url, DESKTOP);
    await other.page.goto('/login');
    await other.page.locator('#username').fill('b2_clerk');
    await other.page.locator('#password').fill('demo12345');
    await other.page.getByRole('button', { name: /登\s*录/ }).click();
    await visible(other.page.locator('.ant-alert-error, .ant-message-error'));
    expect(other.page.url()).toContain('/login');
    await login(other.page, 'b2_clerk', 'Xinmima2026');
    expect(other.problems).toEqual([]);
    await other.context.close();
  });
});
