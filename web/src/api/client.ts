// The only module that talks HTTP. Every request goes through `request`, which sends the session
// cookie and the request mark header (the server refuses mutating requests without it or a
// same-origin Origin), encodes JSON, and turns error bodies `{ error: { code, message, details } }`
// into ApiError.
import { AheadAnswers } from './ahead.ts';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../../../src/common/request-mark.ts';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** What the app does when the server says the session is gone or the password must change first. */
export interface AuthHandlers {
  onUnauthenticated: () => void;
  onPasswordChangeRequired: () => void;
  /** The security policy requires a TOTP second factor this administrator has not enrolled. */
  onTotpEnrolmentRequired: () => void;
}

const fallbackHandlers: AuthHandlers = {
  onUnauthenticated: () => {
    if (window.location.pathname !== '/login') window.location.assign('/login');
  },
  onPasswordChangeRequired: () => {
    if (window.location.pathname !== '/change-password') window.location.assign('/change-password');
  },
  onTotpEnrolmentRequired: () => {
    if (window.location.pathname !== '/change-password') window.location.assign('/change-password');
  },
};

let authHandlers: AuthHandlers = fallbackHandlers;

/** Installed by the session provider so redirects happen inside the single-page app. */
export function setAuthHandlers(handlers: AuthHandlers | null): void {
  authHandlers = handlers ?? fallbackHandlers;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON-serialisable body, or FormData sent as multipart. */
  body?: unknown;
  /** Leave 401 to the caller (login form, session probe) instead of redirecting to the login page. */
  skipAuthRedirect?: boolean;
  /** Call no handler at all (401, password change, TOTP): a request made ahead whose failure the caller repeats normally. */
  quiet?: boolean;
  signal?: AbortSignal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 400:
      return '请求参数有误';
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return '没有权限执行此操作';
    case 404:
      return '请求的数据不存在';
    case 409:
      return '数据冲突，请刷新后重试';
    case 413:
      return '上传的文件过大';
    case 422:
      return '数据校验未通过';
    case 429:
      return '尝试次数过多，请稍后再试';
    default:
      return status >= 500 ? `服务器内部错误（${status}），请稍后再试或联系管理员` : `请求失败（${status}）`;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : 'ERROR',
      typeof message === 'string' && message ? message : fallbackMessage(response.status),
      details,
    );
  }
  return new ApiError(response.status, 'HTTP_' + String(response.status), fallbackMessage(response.status));
}

/** Answers of GETs asked ahead of their pages (api/ahead.ts). */
const ahead = new AheadAnswers();

/** Sends a request and returns the raw Response once it is known to be successful. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  // a write makes the answers asked ahead of their pages possibly stale (api/ahead.ts)
  if ((options.method ?? 'GET') !== 'GET') ahead.clear();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    [REQUEST_MARK_HEADER]: REQUEST_MARK_VALUE,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络连接后重试');
  }

  if (response.ok) return response;

  const error = await toApiError(response);
  if (options.quiet) throw error;
  if (error.status === 401 && !options.skipAuthRedirect) {
    authHandlers.onUnauthenticated();
  } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    authHandlers.onPasswordChangeRequired();
  } else if (error.code === 'TOTP_ENROLMENT_REQUIRED') {
    authHandlers.onTotpEnrolmentRequired();
  }
  throw error;
}

let askingAhead = false;

/**
 * Runs `ask` with every plain GET it makes (synchronously) sent at once and kept for the page
 * that will ask the same path (api/ahead.ts); failures stay quiet until the page asks itself.
 */
export function askAhead(ask: () => unknown): void {
  askingAhead = true;
  try {
    ask();
  } finally {
    askingAhead = false;
  }
}

/** JSON request; resolves to the parsed body (a GET asked ahead: the answer kept for it). */
export function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const plainGet = (options.method ?? 'GET') === 'GET' && options.body === undefined && !options.signal;
  if (plainGet && askingAhead) {
    const answer = requestNow<T>(path, { ...options, quiet: true });
    answer.catch(() => undefined);
    ahead.put(path, answer);
    return answer;
  }
  const early = plainGet ? (ahead.take(path) as Promise<T> | null) : null;
  // a failed early answer is asked again, so that the page sees the error with its handlers
  if (early) return early.catch(() => requestNow<T>(path, options));
  return requestNow<T>(path, options);
}

async function requestNow<T>(path: string, options: RequestOptions): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', '服务器返回的数据格式有误');
  }
}

/** A request whose successful answer has no body (204). */
export async function requestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后再试';
}

/** Reads the file name of a download from Content-Disposition (RFC 6266, incl. filename*=UTF-8''…). */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const value = plain?.[2] ?? plain?.[1];
  if (value) {
    const trimmed = value.trim();
    try {
      return decodeURIComponent(trimmed);
    } catch {
      return trimmed;
    }
  }
  return fallback;
}
