// 安全策略 (the 安全管理员's settings). Types only from src/common/wire-security.ts.
import type { SecurityPolicy, SecurityPolicyResponse } from '../../../src/common/wire-security.ts';
import { request } from './client.ts';

export type { SecurityPolicy, SecurityPolicyResponse } from '../../../src/common/wire-security.ts';

export function getSecurityPolicy(): Promise<SecurityPolicyResponse> {
  return request<SecurityPolicyResponse>('/api/security/policy');
}

export function saveSecurityPolicy(body: SecurityPolicy): Promise<SecurityPolicyResponse> {
  return request<SecurityPolicyResponse>('/api/security/policy', { method: 'PUT', body });
}
