/** The public customer portal frame: no sign-in, narrow and phone-first. */
import { Layout, Menu } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import './portal.css';

export default function PortalLayout() {
  const loc = useLocation();
  const key = loc.pathname.replace(/\/$/, '') || '/portal';
  return (
    <Layout className="portal">
      <header className="portal-header">
        <div className="portal-brand">客户服务中心 · 投诉与建议</div>
        <Menu
          mode="horizontal"
          selectedKeys={[key]}
          style={{ borderBottom: 'none', background: 'transparent', minWidth: 0, flex: 1, justifyContent: 'flex-end' }}
          items={[
            { key: '/portal', label: <Link to="/portal">在线投诉</Link> },
            { key: '/portal/track', label: <Link to="/portal/track">进度查询</Link> },
            { key: '/portal/survey', label: <Link to="/portal/survey">满意度评价</Link> },
          ]}
        />
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
