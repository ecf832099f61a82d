// The files a matter may carry (会议纪要, 请示, 批复, scans): an allow-list by extension, each
// checked against the file's first bytes, so that an .html, .svg or script renamed to .pdf is
// refused. The media type stored and served is the allow-list's, never the client's.

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface AttachmentType {
  label: string;
  mediaType: string;
  /** Any of these signatures at offset 0. */
  magic: readonly (readonly number[])[];
}

export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  pdf: { label: 'PDF', mediaType: 'application/pdf', magic: [PDF] },
  ofd: { label: 'OFD 版式文件', mediaType: 'application/ofd', magic: [ZIP] },
  doc: { label: 'Word 97-2003', mediaType: 'application/msword', magic: [OLE2] },
  docx: {
    label: 'Word',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [ZIP],
  },
  xls: { label: 'Excel 97-2003', mediaType: 'application/vnd.ms-excel', magic: [OLE2] },
  xlsx: {
    label: 'Excel',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [ZIP],
  },
  // WPS Office writes its own formats as OLE2 compound files, newer versions also as zip.
  wps: { label: 'WPS 文字', mediaType: 'application/vnd.ms-works', magic: [OLE2, ZIP] },
  et: { label: 'WPS 表格', mediaType: 'application/vnd.ms-excel', magic: [OLE2, ZIP] },
  jpg: { label: 'JPEG 图片', mediaType: 'image/jpeg', magic: [JPEG] },
  jpeg: { label: 'JPEG 图片', mediaType: 'image/jpeg', magic: [JPEG] },
  png: { label: 'PNG 图片', mediaType: 'image/png', magic: [PNG] },
  zip: { label: 'ZIP 压缩包', mediaType: 'application/zip', magic: [ZIP] },
};

export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES);

const startsWith = (head: Uint8Array, sig: readonly number[]) =>
  head.length >= sig.length && sig.every((b, i) => head[i] === b);

/** The allowed type of a file by its name and first bytes, or why it is refused. */
export function attachmentType(
  fileName: string,
  head: Uint8Array,
): { ok: true; extension: string; mediaType: string } | { ok: false; reason: string } {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  const type = ATTACHMENT_TYPES[extension];
  if (!type) {
    return {
      ok: false,
      reason: `不支持的附件类型${extension ? ` .${extension}` : ''}（可上传 ${ATTACHMENT_EXTENSIONS.join('、')}）`,
    };
  }
  if (!type.magic.some((sig) => startsWith(head, sig))) {
    return { ok: false, reason: `文件内容与扩展名 .${extension} 不符（应为${type.label}）` };
  }
  return { ok: true, extension, mediaType: type.mediaType };
}
