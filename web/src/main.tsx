import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app/App.tsx';
import { preloadModules } from './app/routes.ts';
import { SessionProvider, startSessionEarly } from './app/session.tsx';
import { FONT_FAMILY } from './app/theme.ts';
import { prefersReducedMotion } from './lib/motion.ts';
import './styles.css';

dayjs.locale('zh-cn');

// Opening a page of the app (not the login page): the session, the regions, the shell and the
// page's own code are all asked for now, in parallel, before the first render.
if (!window.location.pathname.startsWith('/login')) {
  startSessionEarly();
  preloadModules(window.location.pathname);
}

const container = document.getElementById('root');
if (container === null) throw new Error('页面缺少 #root 容器');

createRoot(container).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      componentSize="middle"
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.compactAlgorithm,
        token: {
          colorPrimary: '#1d5fb3',
          colorLink: '#1d5fb3',
          borderRadius: 4,
          fontFamily: FONT_FAMILY,
          fontSize: 14,
          motion: !prefersReducedMotion(),
        },
        components: {
          Layout: {
            headerBg: '#0f3d7a',
            headerHeight: 52,
            headerPadding: '0 16px',
            siderBg: '#ffffff',
            bodyBg: '#f0f2f5',
          },
          Table: { headerBg: '#f3f6fa' },
          Card: { headerBg: '#fafbfc' },
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
