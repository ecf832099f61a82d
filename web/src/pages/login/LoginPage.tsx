import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage, login } from '../../api/index.ts';
import { preloadModules } from '../../app/routes.ts';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../components/feedback.tsx';
import { APP_TITLE, usePageTitle } from '../../components/PageContainer.tsx';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

const accountPageNeeded = (user: { mustChangePassword: boolean; mustEnrolTotp: boolean }): boolean =>
  user.mustChangePassword || user.mustEnrolTotp;

function targetFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export function LoginPage() {
  // The login page carries the bare system name as its title.
  usePageTitle(undefined);
  const { me, initializing, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown once the server says the account has a TOTP second factor.
  const [askTotp, setAskTotp] = useState(false);

  if (initializing) {
    return (
      <div className="bz-fullscreen">
        <Loading />
      </div>
    );
  }
  if (me && !submitting) {
    return (
      <Navigate to={accountPageNeeded(me.user) ? '/change-password' : targetFrom(location.state)} replace />
    );
  }

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    // the shell and the page to open load while the server checks the password
    preloadModules(targetFrom(location.state));
    try {
      const answer = await login({
        username: values.username.trim(),
        password: values.password,
        ...(askTotp && values.totp ? { totp: values.totp.trim() } : {}),
      });
      signedIn(answer);
      navigate(accountPageNeeded(answer.user) ? '/change-password' : targetFrom(location.state), {
        replace: true,
      });
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'TOTP_REQUIRED') {
        setAskTotp(true);
        setError(askTotp ? errorMessage(cause) : null);
        return;
      }
      setError(errorMessage(cause));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="bz-login">
      <div className="bz-login-panel">
        <div className="bz-login-brand">
          <span className="bz-brand-mark bz-brand-mark-large">编</span>
          <Typography.Title level={2} className="bz-login-title">
            {APP_TITLE}
          </Typography.Title>
          <Typography.Text className="bz-login-subtitle">机构编制实名制管理 · 县级编办</Typography.Text>
        </div>
        <Card className="bz-login-card" title="用户登录">
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Form<LoginValues>
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            autoComplete="on"
            size="large"
          >
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                placeholder="请输入用户名"
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                placeholder="请输入密码"
                autoComplete="current-password"
              />
            </Form.Item>
            {askTotp ? (
              <Form.Item
                label="动态口令"
                name="totp"
                extra="请输入手机验证器上显示的6位数字。"
                rules={[{ required: true, pattern: /^\d{6}$/, message: '动态口令应为6位数字' }]}
              >
                <Input
                  data-testid="login-totp"
                  prefix={<SafetyOutlined />}
                  placeholder="6位动态口令"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  autoFocus
                />
              </Form.Item>
            ) : null}
            <Form.Item style={{ marginBottom: 8 }}>
              <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={submitting}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" className="bz-login-hint">
            忘记密码请联系本级编办系统管理员重置。首次登录须修改初始密码。
          </Typography.Paragraph>
        </Card>
        <div className="bz-login-footer">仅限内部网络使用 · 请勿在公共电脑上保存密码</div>
      </div>
    </div>
  );
}
