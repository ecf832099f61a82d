import { describe, expect, it } from 'vitest';
import { attachmentType } from './attachment-types.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('attachment types', () => {
  it('accepts allowed extensions whose first bytes match', () => {
    expect(attachmentType('纪要.PDF', text('%PDF-1.7'))).toEqual({
      ok: true,
      extension: 'pdf',
      mediaType: 'application/pdf',
    });
    expect(attachmentType('a.docx', bytes(0x50, 0x4b, 0x03, 0x04)).ok).toBe(true);
    expect(attachmentType('a.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)).ok).toBe(true);
    expect(attachmentType('a.wps', bytes(0x50, 0x4b, 0x03, 0x04)).ok).toBe(true);
    expect(attachmentType('a.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)).ok).toBe(true);
    expect(attachmentType('a.jpg', bytes(0xff, 0xd8, 0xff, 0xe0)).ok).toBe(true);
  });

  it('refuses pages, images that run script, and disguised files', () => {
    for (const name of ['a.html', 'a.svg', 'a.js', 'a.htm', 'a', 'a.pdf.html']) {
      expect(attachmentType(name, text('%PDF-1.7')).ok, name).toBe(false);
    }
    const disguised = attachmentType('a.pdf', text('<html><script>'));
    expect(disguised).toEqual({ ok: false, reason: '文件内容与扩展名 .pdf 不符（应为PDF）' });
    expect(attachmentType('a.docx', text('%PDF-1.7')).ok).toBe(false);
  });
});
