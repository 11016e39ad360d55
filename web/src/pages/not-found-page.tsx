/** Unknown page, or a complaint outside the user's data scope (the API answers 404 for both). */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export default function NotFoundPage({ title = '页面不存在', subTitle = '您访问的页面不存在或无权查看。' }: { title?: string; subTitle?: string }) {
  const nav = useNavigate();
  return <Result status="404" title={title} subTitle={subTitle} extra={<Button type="primary" onClick={() => nav('/')}>返回工作台</Button>} />;
}
