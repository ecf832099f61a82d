export { ApiError, errorMessage, setAuthHandlers } from './client.ts';
export type { AuthHandlers } from './client.ts';
export * from './endpoints.ts';
export * from './import-mappings.ts';
export type * from './types.ts';
