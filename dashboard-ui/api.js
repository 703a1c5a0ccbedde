// The REST API of ingress-service, called with the session cookie the sign-in set (HttpOnly: this
// script never sees it, and nothing secret is kept in storage or put in a URL). Every call carries
// X-Requested-With, which the server requires of changes made with the cookie (no other site can send
// it). A 401 from any call means the session ended, and the page asks to sign in again.

/** Thrown for any non-2xx answer; carries the problem+json title/detail when the server sent one. */
export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};

/** Registers what happens when the server says the session has ended. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'opscenter' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  // asking who is signed in, or signing in, answers 401 without ending anything
  if (response.status === 401 && path !== 'api/session' && path !== 'api/session/login') {
    onUnauthorized();
    throw new ApiError(401, 'Your session has ended.');
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
  // the session: who is signed in (401 when nobody), sign-in, sign-out, a ticket for the live socket
  me: () => request('GET', 'api/session'),
  signIn: (username, password) => request('POST', 'api/session/login', { username, password }),
  signOut: () => request('POST', 'api/session/logout'),
  ticket: () => request('POST', 'api/session/ticket'),
  changePassword: (currentPassword, newPassword) =>
    request('POST', 'api/session/password', { currentPassword, newPassword }),
  /** filters: severity (comma-separated), source, type, state, read, from, to, q (see alert-query.js apiParams). */
  alerts: ({ limit = 50, before, ...filters } = {}) => request('GET', `api/alerts${query({ ...filters, limit, before })}`),
  alertGroups: ({ window, state, limit } = {}) => request('GET', `api/alerts/groups${query({ window, state, limit })}`),
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
