/** Staff frame: side menu by role, header with notifications, language switch and sign-out. */
import { AppstoreOutlined, BarChartOutlined, BellOutlined, DashboardOutlined, FileAddOutlined, FileTextOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, Segmented, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { setUnauthenticatedHandler } from '../api';
import { hasRole, useAuth, useUser } from '../auth';
import { useLang } from '../i18n';
import { clearOrgCache } from '../org';
import { useNotifications } from '../components/notifications';
import { PasswordModal } from './password-modal';

const { Header, Sider, Content } = Layout;

export default function StaffLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, lang, setLang } = useLang();
  const nav = useNavigate();
  const loc = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const notes = useNotifications();
  const [changingPassword, setChangingPassword] = useState(false);

  useEffect(() => {
    setUnauthenticatedHandler(() => nav(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true }));
    return () => setUnauthenticatedHandler(null);
  }, [nav]);

  const canAccept = hasRole(user, 'clerk', 'complaint_manager', 'branch_head', 'hq_head');
  const isHq = user.unitKind === 'hq';
  // The import route accepts complaint managers and heads (HQ for any unit, a branch for itself).
  const canImport = hasRole(user, 'complaint_manager', 'branch_head', 'hq_head');
  const items = useMemo(() => {
    const list: any[] = [
      { key: '/', icon: <DashboardOutlined />, label: t('我的工作台') },
      canAccept && { key: '/complaints/new', icon: <FileAddOutlined />, label: t('投诉登记') },
      { key: '/complaints', icon: <UnorderedListOutlined />, label: t('投诉列表') },
      { key: '/dashboard', icon: <BarChartOutlined />, label: t('统计分析') },
      {
        key: 'reports',
        icon: <FileTextOutlined />,
        label: t('报表'),
        children: [
          // Branch staff see their own branch's monthly reports; HQ also the branches × months grid.
          { key: '/reports', label: t(isHq ? '月报报送情况' : '月报') },
          { key: '/reports/quarterly', label: t('季度分析') },
        ],
      },
      {
        key: 'records',
        icon: <InboxOutlined />,
        label: t('档案'),
        children: [
          { key: '/archive', label: t('归档') },
          isHq && { key: '/retention', label: t('保管与销毁') },
          canImport && { key: '/imports', label: t('历史记录表导入') },
        ].filter(Boolean),
      },
    ];
    if (hasRole(user, 'admin', 'hq_head')) {
      list.push({
        key: 'admin',
        icon: <SettingOutlined />,
        label: t('系统管理'),
        children: [
          { key: '/admin/org', label: t('组织机构') },
          { key: '/admin/users', label: t('人员与角色') },
          { key: '/admin/business-links', label: t('业务环节') },
          { key: '/admin/calendar', label: t('工作日历') },
          { key: '/admin/settings', label: t('系统设置') },
        ],
      });
    }
    return list.filter(Boolean);
  }, [t, user, canAccept, isHq, canImport]);

  const selected = loc.pathname === '/complaints/new' ? '/complaints/new' : loc.pathname.startsWith('/complaints') ? '/complaints' : loc.pathname.startsWith('/archive') ? '/archive' : loc.pathname;
  const openKey = loc.pathname.startsWith('/admin') ? 'admin' : loc.pathname.startsWith('/reports') ? 'reports' : /^\/(archive|retention|imports)/.test(loc.pathname) ? 'records' : null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        width={200}
        trigger={narrow ? null : undefined}
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : { position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <AppstoreOutlined style={{ color: '#fff', fontSize: 20 }} />
          {!collapsed && <span className="brand" style={{ marginLeft: 8 }}>{t('客户投诉处理系统')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={openKey ? [openKey] : []}
          items={items}
          onClick={(e) => {
            nav(e.key);
            if (narrow) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 12px 0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, borderBottom: '1px solid #eee' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
            {narrow && <Button type="text" aria-label="菜单" icon={<MenuOutlined />} onClick={() => setCollapsed((c) => !c)} />}
            <span className="muted header-unit">{user.unitName}</span>
          </div>
          <Space size={narrow ? 4 : 12}>
            {!narrow && <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />}
            <Badge count={notes.unread} size="small">
              <Button type="text" aria-label={t('通知')} icon={<BellOutlined />} onClick={() => nav('/#inbox')} />
            </Badge>
            <Dropdown
              menu={{
                items: [
                  { key: 'roles', label: user.roleLabels.join('、'), disabled: true },
                  narrow ? { key: 'lang', label: lang === 'en' ? '切换到中文' : 'Switch to English' } : null,
                  { key: 'password', icon: <KeyOutlined />, label: t('修改密码') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录') },
                ].filter(Boolean) as any,
                onClick: async ({ key }) => {
                  if (key === 'lang') setLang(lang === 'en' ? 'zh' : 'en');
                  if (key === 'password') setChangingPassword(true);
                  if (key === 'logout') {
                    await logout();
                    clearOrgCache();
                    nav('/login', { replace: true });
                  }
                },
              }}
            >
              <Button type="text" data-testid="user-menu">{narrow ? user.displayName.replace(/（.*$/, '') : user.displayName}</Button>
            </Dropdown>
          </Space>
        </Header>
        {narrow && !collapsed && <div onClick={() => setCollapsed(true)} style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,.35)', zIndex: 19 }} />}
        <Content className="staff-content">
          <Outlet />
        </Content>
        <PasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      </Layout>
    </Layout>
  );
}
