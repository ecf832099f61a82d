import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/index.ts';

export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? '加载失败'}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <div className="bz-loading">
      <Spin description={text} size="large">
        <div style={{ minHeight: 80, minWidth: 120 }} />
      </Spin>
    </div>
  );
}

export function EmptyState({ text = '暂无数据', children }: { text?: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {children}
    </Empty>
  );
}
