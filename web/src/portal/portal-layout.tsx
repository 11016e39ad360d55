/** The public customer portal frame: no sign-in, narrow and phone-first. */
import { Layout } from 'antd';
import { NavLink, Outlet } from 'react-router-dom';
import './portal.css';

const LINKS = [
  { to: '/portal', label: '在线投诉', end: true },
  { to: '/portal/track', label: '进度查询' },
  { to: '/portal/survey', label: '满意度评价' },
];

export default function PortalLayout() {
  return (
    <Layout className="portal">
      <header className="portal-header">
        <div className="portal-brand">客户服务中心 · 投诉与建议</div>
        <nav className="portal-nav">
          {LINKS.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {l.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="portal-main">
        <Outlet />
      </main>
      <footer className="portal-footer">
        如遇紧急情况，请直接联系您开户的营业部。本页面不会要求您提供交易密码或验证码。
      </footer>
    </Layout>
  );
}
