/**
 * UI language: Chinese by default, English switchable. Only the staff chrome
 * (menu, page titles, common buttons) is translated; the record form's terms
 * stay in Chinese because they are the measures' own wording.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const EN: Record<string, string> = {
  客户投诉处理系统: 'Complaint Desk',
  我的工作台: 'My workbench',
  投诉登记: 'New complaint',
  投诉列表: 'Complaints',
  统计分析: 'Dashboard',
  报表: 'Reports',
  月报: 'Monthly reports',
  月报报送情况: 'Monthly reports',
  季度分析: 'Quarterly analysis',
  档案: 'Records',
  归档: 'Archive',
  保管与销毁: 'Retention',
  历史记录表导入: 'Import forms',
  系统管理: 'Administration',
  组织机构: 'Organisation',
  人员与角色: 'Users & roles',
  业务环节: 'Business links',
  工作日历: 'Calendar',
  系统设置: 'Settings',
  退出登录: 'Sign out',
  修改密码: 'Change password',
  客户门户: 'Customer portal',
  通知: 'Notifications',
};

interface LangCtx {
  lang: Lang;
  setLang(l: Lang): void;
  t(zh: string): string;
}

const Ctx = createContext<LangCtx>({ lang: 'zh', setLang: () => {}, t: (s) => s });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('lang') === 'en' ? 'en' : 'zh'));
  const value = useMemo<LangCtx>(
    () => ({
      lang,
      setLang(l) {
        localStorage.setItem('lang', l);
        document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
        setLangState(l);
      },
      t: (zh) => (lang === 'en' ? (EN[zh] ?? zh) : zh),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useLang = () => useContext(Ctx);
