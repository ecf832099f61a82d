export { ApiError, errorMessage, setAuthHandlers } from './client.ts';
export type { AuthHandlers } from './client.ts';
export * from './endpoints.ts';
export type * from './types.ts';
