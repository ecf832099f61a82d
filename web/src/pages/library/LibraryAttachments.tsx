// The files of a 法规制度 document or of a 学习宣讲 record: listed for every reader with size, time
// and SHA-256, downloaded by clicking; uploaded by the office (the server checks type and size).
import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  downloadLibraryAttachment,
  uploadLibraryAttachment,
  type AttachmentOwner,
  type LibraryAttachment,
} from '../../api/library.ts';
import { UploadButton } from '../../components/UploadButton.tsx';
import { saveBlob } from '../../lib/download.ts';
import { dateTime } from '../../lib/format.ts';
import { fileSize } from '../matters/matterUi.tsx';

export function LibraryAttachments({
  owner,
  attachments,
  canUpload,
  onChanged,
  compact = false,
}: {
  owner: AttachmentOwner;
  attachments: readonly LibraryAttachment[];
  canUpload: boolean;
  onChanged: () => void;
  /** In a table cell: names only, details on hover. */
  compact?: boolean;
}) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState<number | null>(null);

  async function upload(file: File) {
    setUploading(true);
    try {
      await uploadLibraryAttachment(owner, file);
      void message.success(`已上传 ${file.name}`);
      onChanged();
    } catch (error) {
      void message.error(`上传失败：${errorMessage(error)}`);
    } finally {
      setUploading(false);
    }
  }

  async function download(a: LibraryAttachment) {
    setDownloading(a.id);
    try {
      const file = await downloadLibraryAttachment(a);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  }

  return (
    <Space orientation="vertical" size={2} data-testid="library-attachments">
      {attachments.length === 0 && !compact ? (
        <Typography.Text type="secondary">暂无附件</Typography.Text>
      ) : null}
      {attachments.map((a) => (
        <Space key={a.id} size={4} wrap>
          <PaperClipOutlined />
          <Tooltip title={`${fileSize(a.size)} · ${dateTime(a.uploadedAt)} · SHA-256 ${a.sha256}`}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              loading={downloading === a.id}
              onClick={() => void download(a)}
            >
              {a.fileName}
            </Button>
          </Tooltip>
          {compact ? null : <Typography.Text type="secondary">{fileSize(a.size)}</Typography.Text>}
        </Space>
      ))}
      {canUpload ? (
        <UploadButton onFile={(file) => void upload(file)} loading={uploading} testId="library-upload" />
      ) : null}
    </Space>
  );
}
