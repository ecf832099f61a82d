// The header the web client sends with every request. A page of another site cannot send a
// custom header to this origin without a CORS preflight, which the server never grants, so
// a mutating request carrying it comes from our own pages (or a deliberate API client).
export const REQUEST_MARK_HEADER = 'X-Bianzhi-Request';
export const REQUEST_MARK_VALUE = '1';
