// The environment, parsed once. A bad value stops start-up with a message that says what to fix.
import path from 'node:path';
import { z } from 'zod';
import './common/zod-chinese.ts';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: 'DATABASE_URL 应为 file:路径 或 postgres://… ，不设置则使用 data/bianzhi.db',
    }),
  /** Optional PostgreSQL streaming replica for reports, exports and list pages (docs/DEPLOYMENT.md). */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_READ_URL 应为 postgres://… （PostgreSQL 只读备库），不设置则全部读主库',
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  BIANZHI_KEY_FILE: z.string().optional(),
  BIANZHI_AUDIT_KEY_FILE: z.string().optional(),
  BIANZHI_AUDIT_CHECKPOINT_FILE: z.string().optional(),
  BIANZHI_AUDIT_CHECKPOINT_SINK: z.string().optional(),
  BIANZHI_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'BIANZHI_KEY 应为 64 位十六进制（32 字节）')
    .optional(),
  BIANZHI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  BIANZHI_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** The address users type, e.g. https://bianzhi.example.gov.cn: https makes cookies Secure and sends HSTS. */
  BIANZHI_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^/?#\s]+\/?$/.test(v), {
      message: 'BIANZHI_PUBLIC_URL 应为 https://主机名[:端口]（不带路径）',
    }),
  /** Behind a reverse proxy: true (any), or the proxy's addresses (e.g. 127.0.0.1); its X-Forwarded-* are then believed. */
  BIANZHI_TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(true|false|[0-9a-fA-F.:/, ]+)$/.test(v), {
      message: 'BIANZHI_TRUST_PROXY 应为 true、false 或代理服务器地址（如 127.0.0.1）',
    }),
  BIANZHI_DATA_DIR: z.string().default('data'),
  BIANZHI_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  // Request logs (info) only when asked: by default the server logs warnings and errors.
  BIANZHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
});

export interface Config {
  databaseUrl: string;
  /** The hot standby that carries reports, exports and list pages; undefined: everything on the primary. */
  databaseReadUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  keyFile: string;
  keyHex: string | undefined;
  /** The audit chain's key ring, apart from the master key (docs/SECURITY.md). */
  auditKeyFile: string;
  /** Signed checkpoints of the audit chain: the file beside the audit key, then an optional external sink. */
  checkpointFiles: string[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Origin users reach the server at (scheme://host[:port]), or null when not set. */
  publicOrigin: string | null;
  /** Fastify's trustProxy: false, true, or a list of proxy addresses. */
  trustProxy: boolean | string;
  logLevel: string;
  /** The largest matter attachment accepted. */
  attachmentMaxBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.BIANZHI_DATA_DIR);
  const databaseUrl = e.DATABASE_URL || `file:${path.join(dataDir, 'bianzhi.db')}`;
  const databaseReadUrl = e.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && databaseUrl.startsWith('file:')) {
    throw new Error(
      '环境变量配置有误：\n  DATABASE_READ_URL: 只读备库仅用于 PostgreSQL，DATABASE_URL 也须为 postgres://…',
    );
  }
  return {
    databaseUrl,
    databaseReadUrl,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    keyFile: e.BIANZHI_KEY_FILE ? path.resolve(e.BIANZHI_KEY_FILE) : path.join(dataDir, 'bianzhi.key'),
    keyHex: e.BIANZHI_KEY,
    ...auditFiles(e, dataDir),
    sessionIdleMinutes: e.BIANZHI_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.BIANZHI_SESSION_ABSOLUTE_HOURS,
    publicOrigin: e.BIANZHI_PUBLIC_URL ? new URL(e.BIANZHI_PUBLIC_URL).origin : null,
    trustProxy: trustProxyOf(e.BIANZHI_TRUST_PROXY),
    logLevel: e.BIANZHI_LOG_LEVEL,
    attachmentMaxBytes: e.BIANZHI_ATTACHMENT_MAX_MB * 1024 * 1024,
  };
}

function auditFiles(
  e: z.infer<typeof EnvSchema>,
  dataDir: string,
): { auditKeyFile: string; checkpointFiles: string[] } {
  const auditKeyFile = path.resolve(e.BIANZHI_AUDIT_KEY_FILE || path.join(dataDir, 'bianzhi-audit.key'));
  const beside = path.join(path.dirname(auditKeyFile), 'bianzhi-audit.checkpoints');
  const primary = path.resolve(e.BIANZHI_AUDIT_CHECKPOINT_FILE || beside);
  const sink = e.BIANZHI_AUDIT_CHECKPOINT_SINK ? [path.resolve(e.BIANZHI_AUDIT_CHECKPOINT_SINK)] : [];
  return { auditKeyFile, checkpointFiles: [primary, ...sink] };
}

function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}
