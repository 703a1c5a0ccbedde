// Page wiring: sign-in, the feed, the overview polls and the live socket. The REST API is the
// source of truth; the socket only adds what happened since, so any doubt (a resync message, a
// reconnect) is settled by reloading from REST.

import { api, token, whenUnauthorized } from './api.js';
import { AuditPanel } from './audit.js';
import { ConnectionStatus } from './connection-status.js';
import { debounce, refreshRelativeTimes, setText } from './dom.js';
import { EventDrawer } from './detail.js';
import { AlertFeed } from './feed.js';
import { LiveConnection, defaultRealtimeUrl } from './live.js';
import { NotificationDrawer } from './notification-detail.js';
import { NotificationsPanel } from './notifications.js';
import { PinnedCriticals } from './pinned.js';
import { refreshHealth, refreshStats } from './overview.js';
import { CriticalBeep } from './sound.js';

const POLL_MS = 15_000;
const CLOCK_MS = 30_000;
const $ = (id) => document.getElementById(id);

const beep = new CriticalBeep();
const drawer = new EventDrawer($('event-drawer'));
const feed = new AlertFeed($('feed'), {
  onMarkRead: (ids) => markRead(ids),
  onTriage: (id, action) => triage(id, action),
  onRender: (count) => {
    $('feed-empty').hidden = count > 0;
    $('mark-visible-read').disabled = feed.visibleUnreadIds().length === 0;
  },
});

const pinned = new PinnedCriticals($('pinned'), $('pinned-list'), {
  onAcknowledge: (id) => triage(id, 'acknowledge'),
});

async function loadPinned() {
  try {
    const page = await api.alerts({ severity: 'critical', state: 'open', limit: 200 });
    pinned.reset((page && page.items) || []);
  } catch (error) {
    reportError(error);
  }
}

const notifications = new NotificationsPanel($('notifications'), {
  onOpen: (id) => {
    window.location.hash = `#/notifications/${encodeURIComponent(id)}`;
  },
});
const notificationDrawer = new NotificationDrawer($('notification-drawer'), {
  onRetry: (id) => notifications.retry(id),
});
const audit = new AuditPanel($('audit'), { load: (params) => api.audit(params) });

let live = null;
let timers = [];
let feedGeneration = 0;
const connection = new ConnectionStatus(document, {
  poll: () => pollWhileDown(),
  reconnect: (trigger) => live?.reconnectNow(trigger),
});

function reportError(error) {
  if (error && error.status === 401) return;
  setText($('feed-error'), error ? error.message : '');
}

async function loadFeed() {
  const generation = ++feedGeneration;
  const list = $('feed');
  list.setAttribute('aria-busy', 'true');
  try {
    const page = await api.alerts({ severity: feed.severity, limit: 50 });
    if (generation !== feedGeneration) return; // a newer load (e.g. another filter) won
    feed.reset((page && page.items) || []);
    reportError(null);
  } catch (error) {
    reportError(error);
  } finally {
    if (generation === feedGeneration) list.removeAttribute('aria-busy');
  }
}

const reloadFeed = debounce(loadFeed, 250);
const reloadNotifications = debounce(() => notifications.load(), 250);
const statsSoon = debounce(() => refreshStats($('stats')).catch(reportError), 1_500);

async function markRead(ids) {
  if (ids.length === 0) return;
  try {
    await api.markRead(ids);
    feed.markRead(ids);
  } catch (error) {
    reportError(error);
  }
}

async function triage(id, action) {
  try {
    const alert = await api.triage(id, action);
    if (alert) {
      feed.merge([alert]);
      pinned.apply(alert);
    }
    reportError(null);
  } catch (error) {
    reportError(error);
  }
}

// While the socket is down the page polls REST so the feed and the cards stay current; the health
// report in the same poll tells ConnectionStatus when realtime is back.
async function pollWhileDown() {
  const severity = feed.severity;
  const [alerts, stats, health] = await Promise.allSettled([
    api.alerts({ severity, limit: 50 }),
    refreshStats($('stats')),
    refreshHealth($('health')),
    loadPinned(),
  ]);
  // merged, not reset: the rows already shown stay, and the socket's catch-up merges by id later
  if (alerts.status === 'fulfilled' && connection.down && severity === feed.severity) {
    const added = feed.merge((alerts.value && alerts.value.items) || []);
    if (added.some((a) => a.severity === 'critical')) beep.play();
  }
  const failed = [alerts, stats].find((r) => r.status === 'rejected');
  reportError(failed ? failed.reason : null);
  return { ok: !failed && health.status === 'fulfilled', health: health.status === 'fulfilled' ? health.value : null };
}

function onLiveAlert(alert) {
  const added = feed.merge([alert]);
  pinned.apply(alert);
  if (added.some((a) => a.severity === 'critical')) beep.play();
  if (added.length > 0) statsSoon();
}

function onLiveNotification(notification) {
  notifications.onLive(notification);
  if (notification && notification.id !== undefined) notificationDrawer.changed(notification.id);
}

async function realtimeUrl() {
  try {
    const config = await api.uiConfig();
    if (config && config.realtimeUrl) return config.realtimeUrl;
  } catch {
    // an older ingress without ui-config: fall back to the conventional port
  }
  return defaultRealtimeUrl();
}

async function connectLive(currentToken) {
  const url = await realtimeUrl();
  if (token.get() !== currentToken) return; // signed out meanwhile
  live = new LiveConnection(url, currentToken, {
    onAlert: onLiveAlert,
    onAlertState: (alert) => {
      feed.merge([alert]);
      pinned.apply(alert);
    },
    onNotification: onLiveNotification,
    onResync: () => {
      reloadFeed();
      loadPinned();
      reloadNotifications();
      statsSoon();
    },
    onState: (report) => connection.show(report),
    // alerts may have landed between the REST load and this socket, and an alert committed by a
    // worker that died before publishing is only ever seen over REST: reload on every (re)connect.
    // Notification status changes are not in the catch-up feed at all, so their list reloads too.
    onOpen: () => {
      reloadFeed();
      loadPinned();
      reloadNotifications();
      statsSoon();
    },
  });
  live.start();
}

function every(ms, fn) {
  fn();
  timers.push(setInterval(fn, ms));
}

function start() {
  const currentToken = token.get();
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  document.querySelector('[data-signed-in]').hidden = false;
  reloadFeed();
  loadPinned();
  reloadNotifications();
  audit.load();
  every(POLL_MS, () => refreshStats($('stats')).catch(reportError));
  every(POLL_MS, () => refreshHealth($('health')).catch(reportError));
  timers.push(setInterval(() => refreshRelativeTimes(), CLOCK_MS));
  connectLive(currentToken);
  drawer.route();
  notificationDrawer.route();
}

function signOut(message = '') {
  token.clear();
  live?.stop();
  live = null;
  timers.forEach(clearInterval);
  timers = [];
  reloadFeed.cancel();
  reloadNotifications.cancel();
  statsSoon.cancel();
  feed.clear();
  notifications.clear();
  audit.clear();
  if ($('event-drawer').open) $('event-drawer').close();
  if ($('notification-drawer').open) $('notification-drawer').close();
  $('dashboard').hidden = true;
  document.querySelector('[data-signed-in]').hidden = true;
  $('sign-in').hidden = false;
  setText($('sign-in-error'), message);
  $('token').value = '';
  $('token').focus();
}

function setUpControls() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token').value.trim();
    if (!value) return;
    token.set(value);
    setText($('sign-in-error'), '');
    start();
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('severity-filter').addEventListener('change', (event) => {
    feed.setSeverity(event.target.value);
    feed.render();
    loadFeed();
  });
  $('mark-visible-read').addEventListener('click', () => markRead(feed.visibleUnreadIds()));
  const sound = $('sound-toggle');
  sound.setAttribute('aria-pressed', String(beep.enabled));
  sound.addEventListener('click', () => sound.setAttribute('aria-pressed', String(beep.toggle())));
  whenUnauthorized(() => {
    if (token.get()) signOut('The admin token was rejected. Enter it again.');
  });
}

setUpControls();
if (token.get()) start();
else signOut();
