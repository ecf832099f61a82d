import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { changePassword, errorMessage, getPasswordPolicy, type PasswordPolicyInfo } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../components/PageContainer.tsx';
import { TotpCard } from './TotpCard.tsx';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  usePageTitle('修改密码');
  const me = useCurrentUser();
  const { refresh, signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forced = me.user.mustChangePassword;
  const [policy, setPolicy] = useState<PasswordPolicyInfo | null>(null);
  useEffect(() => {
    getPasswordPolicy().then(setPolicy, () => setPolicy(null));
  }, []);

  const submit = async (values: PasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      void message.success('密码已修改，您在其他设备上的登录已失效');
      await refresh();
      if (!me.user.mustEnrolTotp) navigate('/', { replace: true });
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="bz-login">
      <div className="bz-login-panel">
        <Card
          className="bz-login-card bz-password-card"
          title={`修改密码 · ${me.user.displayName || me.user.username}`}
        >
          {forced ? (
            <Alert
              type="warning"
              showIcon
              title="首次登录、密码已被重置或已过期，请先修改密码后再使用系统。"
              style={{ marginBottom: 16 }}
            />
          ) : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Form<PasswordValues> layout="vertical" requiredMark={false} onFinish={submit}>
            <Form.Item
              label="原密码"
              name="oldPassword"
              rules={[{ required: true, message: '请输入原密码' }]}
            >
              <Input.Password data-testid="password-old" autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item
              label="新密码"
              name="newPassword"
              extra={policy?.description ?? '不能包含用户名，不能与最近使用过的密码相同。'}
              rules={[
                { required: true, message: '请输入新密码' },
                ...(policy ? [{ min: policy.minLength, message: `新密码至少${policy.minLength}位` }] : []),
                ({ getFieldValue }) => ({
                  validator: (_, value: unknown) =>
                    typeof value === 'string' && value !== '' && value === getFieldValue('oldPassword')
                      ? Promise.reject(new Error('新密码不能与原密码相同'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input.Password data-testid="password-new" autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认新密码"
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value: unknown) =>
                    value === undefined || value === '' || value === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的新密码不一致')),
                }),
              ]}
            >
              <Input.Password data-testid="password-confirm" autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button data-testid="password-submit" type="primary" htmlType="submit" loading={submitting}>
                确认修改
              </Button>
              {forced ? (
                <Button onClick={() => void signOut()}>退出登录</Button>
              ) : (
                <Button onClick={() => navigate(-1)}>返回</Button>
              )}
            </Space>
          </Form>
        </Card>
        {forced ? null : <TotpCard />}
      </div>
    </div>
  );
}
