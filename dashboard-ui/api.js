// The admin REST API of ingress-service. The token lives in localStorage so the operator types it
// once per browser; a 401 from any call means it is wrong or rotated, and the page asks again.

const TOKEN_KEY = 'opscenter.adminToken';

/** Thrown for any non-2xx answer; carries the problem+json title/detail when the server sent one. */
export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized = () => {};

/** Registers what happens when the server rejects the token. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const current = token.get();
  if (current) headers.Authorization = `Bearer ${current}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'The admin token was rejected.');
  }
  const text = await response.text();
  const data = text ? parseJson(text) : null;
  if (!response.ok) {
    const message = (data && (data.detail || data.title)) || `${method} ${path} failed with ${response.status}`;
    throw new ApiError(response.status, message, data);
  }
  return data;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Paths are relative so the page also works when ingress is mounted under a prefix.
export const api = {
  alerts: ({ severity, state, limit = 50, before } = {}) =>
    request('GET', `api/alerts${query({ severity, state, limit, before })}`),
  markRead: (ids) => request('POST', 'api/alerts/read', { ids }),
  triage: (id, action) => request('POST', `api/alerts/${encodeURIComponent(id)}/${encodeURIComponent(action)}`),
  event: (id) => request('GET', `api/events/${encodeURIComponent(id)}`),
  replay: (id) => request('POST', `api/events/${encodeURIComponent(id)}/replay`),
  stats: () => request('GET', 'api/stats'),
  health: () => request('GET', 'api/system/health'),
  uiConfig: () => request('GET', 'api/ui-config'),
  notifications: ({ status, limit = 30, before } = {}) =>
    request('GET', `api/notification-logs${query({ status, limit, before })}`),
  notification: (id) => request('GET', `api/notification-logs/${encodeURIComponent(id)}`),
  retryNotification: (id) => request('POST', `api/notification-logs/${encodeURIComponent(id)}/retry`),
  retryFailedNotifications: () => request('POST', 'api/notification-logs/retry', { status: 'failed' }),
  audit: ({ resourceType, limit = 30, before } = {}) => request('GET', `api/audit${query({ resourceType, limit, before })}`),
};
