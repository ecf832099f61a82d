// One file picked and handed to `onFile` (the caller uploads it); antd's own upload list and
// request are not used, so the file goes through web/src/api like every other request.
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';

export function UploadButton({
  onFile,
  loading,
  testId,
  label = '上传附件',
}: {
  onFile: (file: File) => void;
  loading: boolean;
  testId: string;
  label?: string;
}) {
  return (
    <Upload
      showUploadList={false}
      multiple={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
