// The certificate as PDF, converted from its .docx by LibreOffice (`soffice --headless
// --convert-to pdf`) when the server has it. Detected at run time: BIANZHI_SOFFICE names the
// program, else `soffice` or `libreoffice` on the PATH; when none is found the request is
// answered with a clear message (and the .docx remains available).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.ts';

export const PDF_UNAVAILABLE =
  '服务器未安装 LibreOffice，无法生成 PDF 证书；请下载 .docx 版本打印，或请管理员安装 LibreOffice（soffice）';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The LibreOffice program to convert with, or null when the server has none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.BIANZHI_SOFFICE?.trim();
  if (configured) return executable(configured) ? configured : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return null;
}

/**
 * Converts a .docx to PDF in a private temporary directory (its own LibreOffice profile, so
 * conversions never wait on a desktop session's lock). `soffice: null` means none is installed.
 */
export async function docxToPdf(
  docx: Buffer,
  opts: { soffice?: string | null; timeoutMs?: number } = {},
): Promise<Buffer> {
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  if (soffice === null) throw new AppError('UNAVAILABLE', PDF_UNAVAILABLE);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'bianzhi-pdf-'));
  try {
    const input = path.join(dir, 'certificate.docx');
    await fs.promises.writeFile(input, docx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: opts.timeoutMs ?? 120_000 },
        (error) =>
          error
            ? reject(new AppError('UNAVAILABLE', 'LibreOffice 转换 PDF 失败，请下载 .docx 版本打印'))
            : resolve(),
      );
    });
    const output = path.join(dir, 'certificate.pdf');
    if (!fs.existsSync(output))
      throw new AppError('UNAVAILABLE', 'LibreOffice 未生成 PDF，请下载 .docx 版本打印');
    return await fs.promises.readFile(output);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
