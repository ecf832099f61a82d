// Reads the one file of a multipart upload (matter and library attachments), refusing one over
// the size limit with 413. Call it only after the request is authorized on what it names.
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../errors.ts';

export async function readUploadedFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; content: Buffer }> {
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw invalid('请选择文件');
  try {
    return { fileName: file.filename, content: await file.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
    throw new AppError('PAYLOAD_TOO_LARGE', `附件不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  }
}
