import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

export const APP_TITLE = '编制 · 机构编制管理系统';

export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_TITLE}` : APP_TITLE;
  }, [title]);
}

interface PageContainerProps {
  title: ReactNode;
  /** The browser tab title; defaults to `title` when it is a string. */
  documentTitle?: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

export function PageContainer({ title, documentTitle, subTitle, extra, children }: PageContainerProps) {
  usePageTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <div className="bz-page">
      <div className="bz-page-head">
        <div className="bz-page-heading">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle ? <span className="bz-page-subtitle">{subTitle}</span> : null}
        </div>
        {extra ? <div className="bz-page-extra">{extra}</div> : null}
      </div>
      {children}
    </div>
  );
}
