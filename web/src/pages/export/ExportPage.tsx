import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { TABLE_NAMES } from '../../../../src/common/exchange.ts';
import { downloadExport, errorMessage } from '../../api/index.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { saveBlob } from '../../lib/download.ts';
import { regionPath } from '../../lib/regions.ts';

export function ExportPage() {
  const me = useCurrentUser();
  const { counties, regionById, regionCode } = useSession();
  const [region, setRegion] = useState<string | null>(regionCode);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const allowed = me.permissions.exportData;

  useEffect(() => {
    setRegion(regionCode);
  }, [regionCode]);

  const download = async () => {
    if (region === null) return;
    setDownloading(true);
    setError(null);
    setSaved(null);
    try {
      const file = await downloadExport(region);
      saveBlob(file.blob, file.fileName);
      setSaved(file.fileName);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <PageContainer title="数据导出" subTitle="导出为与导入模板相同格式的 Excel 工作簿">
      <Card size="small" className="bz-section" style={{ maxWidth: 760 }}>
        {!allowed ? (
          <Alert
            type="warning"
            showIcon
            title="当前账号没有数据导出权限，如需导出请联系编办管理员。"
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form layout="horizontal" labelCol={{ flex: '96px' }} colon={false}>
          <Form.Item label="行政区划">
            {counties.length > 1 ? (
              <RegionSelect
                counties={counties}
                byCode={regionById}
                value={region}
                onChange={setRegion}
                width={280}
              />
            ) : (
              <span>{region ? regionPath(regionById, region) : '—'}</span>
            )}
          </Form.Item>
          <Form.Item label="包含内容">
            <Typography.Text>{TABLE_NAMES.join('、')}，每张表一个工作表。</Typography.Text>
          </Form.Item>
          <Form.Item label=" ">
            <Space orientation="vertical" size={8}>
              <Button
                data-testid="export-download"
                type="primary"
                icon={<DownloadOutlined />}
                loading={downloading}
                disabled={!allowed || region === null}
                onClick={() => void download()}
              >
                下载 Excel 工作簿
              </Button>
              <Typography.Text type="secondary">
                导出的文件可修改后重新导入；重新导入未改动的文件不会改变任何数据。文件含完整身份证号等个人信息，请按保密规定妥善保管，不得外传。
              </Typography.Text>
            </Space>
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title="导出失败" description={error} /> : null}
        {saved ? <Alert type="success" showIcon title={`已开始下载：${saved}`} /> : null}
      </Card>
    </PageContainer>
  );
}
