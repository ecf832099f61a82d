// Web-facing defences, in one place: cross-site request refusal for every mutating method,
// the security headers (HSTS over HTTPS, no-store on the API), and what "over HTTPS" means.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../common/request-mark.ts';
import { AppError } from '../errors.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Ant Design injects its styles at run time, hence 'unsafe-inline' for styles only.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const HSTS = 'max-age=31536000';

export interface WebSecurityOptions {
  /** BIANZHI_PUBLIC_URL's origin, when set: the origin users reach the server at. */
  publicOrigin: string | null;
}

/** Served over HTTPS: the public URL says so, or the socket (or a trusted proxy's X-Forwarded-Proto) is TLS. */
export function servedOverHttps(req: FastifyRequest, opts: WebSecurityOptions): boolean {
  return opts.publicOrigin?.startsWith('https:') === true || req.protocol === 'https';
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Whether an Origin names this server: the public origin, or the host the request came to (either scheme). */
function isOwnOrigin(origin: string, req: FastifyRequest, opts: WebSecurityOptions): boolean {
  if (origin === opts.publicOrigin) return true;
  const host = hostOf(origin);
  return host !== null && (host === hostOf(`http://${req.host}`) || host === hostOf(`https://${req.host}`));
}

/**
 * Why a mutating request is refused as cross-site, or null when it may proceed: a foreign
 * Origin or Sec-Fetch-Site is always refused; otherwise a same-origin Origin, Sec-Fetch-Site
 * same-origin, or the request mark header must be present.
 */
export function crossSiteProblem(req: FastifyRequest, opts: WebSecurityOptions): string | null {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  const sameOrigin = origin !== undefined && isOwnOrigin(origin, req, opts);
  if (origin !== undefined && !sameOrigin) return `拒绝来自其他网站（${origin.slice(0, 100)}）的请求`;
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return '拒绝来自其他网站的请求';
  }
  if (sameOrigin || fetchSite === 'same-origin') return null;
  if (req.headers[REQUEST_MARK_HEADER.toLowerCase()] === REQUEST_MARK_VALUE) return null;
  return `请求缺少来源信息（Origin 或 ${REQUEST_MARK_HEADER} 头）`;
}

export function registerWebSecurity(app: FastifyInstance, opts: WebSecurityOptions): void {
  // Before the session is even looked up: a forged request learns nothing and changes nothing.
  app.addHook('onRequest', async (req) => {
    if (!MUTATING.has(req.method)) return;
    const problem = crossSiteProblem(req, opts);
    if (problem) throw new AppError('FORBIDDEN', problem);
  });

  // Everything is served from this origin; nothing may be framed or sniffed; API answers
  // (personal data) are never stored by a browser or a proxy.
  app.addHook('onSend', async (req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    if (!req.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (req.url.startsWith('/api/')) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
    if (servedOverHttps(req, opts)) reply.header('Strict-Transport-Security', HSTS);
  });
}
