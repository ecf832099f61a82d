// 安全策略 (等保三级): password rules, expiry and the administrators' second factor, set by the
// 安全管理员. The server checks every value; the page only shows and sends them.
import { Alert, App, Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import { getSecurityPolicy, saveSecurityPolicy, type SecurityPolicy } from '../../api/security.ts';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dateTime } from '../../lib/format.ts';

export function SecurityPolicyPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicy>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const policy = useAsync(() => getSecurityPolicy(), []);

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [form, policy.data]);

  const save = async (values: SecurityPolicy) => {
    setSaving(true);
    setError(null);
    try {
      await saveSecurityPolicy(values);
      message.success('安全策略已保存');
      policy.reload();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title="安全策略" subTitle="密码规则、密码有效期与管理员动态口令（等保三级）">
      {policy.error ? <ErrorAlert error={policy.error} /> : null}
      {policy.loading && !policy.data ? <Loading /> : null}
      {policy.data ? (
        <Card style={{ maxWidth: 640 }}>
          <Typography.Paragraph type="secondary">
            最近修改：{policy.data.updatedAt ? dateTime(policy.data.updatedAt) : '从未修改（使用默认值）'}
            。每次修改都写入审计日志（修改前后的值）。
          </Typography.Paragraph>
          <Form form={form} layout="horizontal" labelCol={{ span: 10 }} onFinish={(v) => void save(v)}>
            <Form.Item label="密码最短长度" name="passwordMinLength" rules={[{ required: true }]}>
              <InputNumber min={8} max={64} addonAfter="位" data-testid="policy-min-length" />
            </Form.Item>
            <Form.Item
              label="至少包含的字符类别"
              name="passwordMinClasses"
              rules={[{ required: true }]}
              extra="小写字母、大写字母、数字、符号四类中的几类"
            >
              <InputNumber min={1} max={4} addonAfter="类" />
            </Form.Item>
            <Form.Item
              label="不得与最近几次密码相同"
              name="passwordHistory"
              rules={[{ required: true }]}
              extra="0 表示不限制"
            >
              <InputNumber min={0} max={24} addonAfter="次" />
            </Form.Item>
            <Form.Item
              label="密码有效期"
              name="passwordExpiryDays"
              rules={[{ required: true }]}
              extra="到期后下次登录须修改；0 表示不过期"
            >
              <InputNumber min={0} max={3650} addonAfter="天" />
            </Form.Item>
            <Form.Item
              label="管理员须使用动态口令"
              name="totpRequired"
              valuePropName="checked"
              extra="开启后，编办管理员、系统管理员、安全管理员、安全审计员登录须输入手机验证器的动态口令"
            >
              <Switch data-testid="policy-totp" />
            </Form.Item>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
                保存
              </Button>
            </Space>
          </Form>
        </Card>
      ) : null}
    </PageContainer>
  );
}
