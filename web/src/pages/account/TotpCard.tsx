import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { confirmTotp, enrolTotp, errorMessage, type TotpEnrolment } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';

/** 动态口令 (TOTP): enrol the caller's authenticator app — the secret is shown once, then confirmed by a code. */
export function TotpCard() {
  const me = useCurrentUser();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (me.user.totpEnabled) {
    return (
      <Card className="bz-login-card bz-password-card" title="动态口令" style={{ marginTop: 16 }}>
        <Alert type="success" showIcon title="已绑定手机验证器，登录时须输入动态口令。" />
      </Card>
    );
  }

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await enrolTotp());
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await confirmTotp(values.code.trim());
      void message.success('动态口令已启用');
      setEnrolment(null);
      const wasRequired = me.user.mustEnrolTotp;
      await refresh();
      if (wasRequired) navigate('/', { replace: true });
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="bz-login-card bz-password-card" title="动态口令（手机验证器）" style={{ marginTop: 16 }}>
      {me.user.mustEnrolTotp ? (
        <Alert
          type="warning"
          showIcon
          title="安全策略要求管理员使用动态口令，请先绑定手机验证器后再使用系统。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {enrolment === null ? (
        <Button data-testid="totp-start" onClick={() => void start()} loading={busy}>
          生成密钥并绑定
        </Button>
      ) : (
        <>
          <Typography.Paragraph>
            在手机验证器中手动添加账户，输入下面的密钥（基于时间，6位，30秒）；或把链接粘贴到支持 otpauth
            的验证器中。 密钥只显示这一次。
          </Typography.Paragraph>
          <Typography.Paragraph copyable code data-testid="totp-secret">
            {enrolment.secret}
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: enrolment.uri }} type="secondary" ellipsis>
            {enrolment.uri}
          </Typography.Paragraph>
          <Form<{ code: string }> layout="inline" onFinish={(v) => void confirm(v)}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入6位动态口令' }]}
            >
              <Input
                data-testid="totp-code"
                placeholder="验证器上的6位数字"
                inputMode="numeric"
                maxLength={6}
              />
            </Form.Item>
            <Space>
              <Button data-testid="totp-confirm" type="primary" htmlType="submit" loading={busy}>
                确认绑定
              </Button>
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
