// Page wiring: sign-in, the feed, the overview polls and the live socket. The REST API is the
// source of truth; the socket only adds what happened since, so any doubt (a resync message, a
// reconnect) is settled by reloading from REST.

import { api, request, whenUnauthorized } from './api.js';
import { OverviewCharts } from './charts.js';
import { ConsolePages } from './console.js';
import { usersPage } from './users-page.js';
import { channelsPage } from './channels-page.js';
import { templatesPage } from './templates-page.js';
import { rulesPage } from './rules-page.js';
import { eventsPage } from './events-page.js';
import { subscriptionsPage } from './subscriptions-page.js';
import { queuesPage } from './queues-page.js';
import { sourcesPage } from './sources-page.js';
import { eventSourcesPage } from './event-sources-page.js';
import { apiKeysPage } from './api-keys-page.js';
import { groupsPage } from './groups-page.js';
import { silencesPage } from './silences-page.js';
import { auditPage } from './audit-page.js';
import { AlertList } from './alert-list.js';
import { ConnectionStatus } from './connection-status.js';
import { debounce, refreshRelativeTimes, setText } from './dom.js';
import { EventDrawer } from './detail.js';
import { AlertFeed } from './feed.js';
import { showFavicon } from './favicon.js';
import { HeardCriticals } from './heard.js';
import { LiveConnection, defaultRealtimeUrl } from './live.js';
import { NotificationDrawer } from './notification-detail.js';
import { NotificationsPanel } from './notifications.js';
import { PinnedCriticals } from './pinned.js';
import { refreshHealth, refreshStats } from './overview.js';
import { CriticalBeep } from './sound.js';
import { ToastView } from './toast.js';

const POLL_MS = 15_000;
const CHART_MS = 60_000;
const CLOCK_MS = 30_000;
const $ = (id) => document.getElementById(id);

const beep = new CriticalBeep();
const heard = new HeardCriticals();
const drawer = new EventDrawer($('event-drawer'), { onChange: () => events.refresh() });
const feed = new AlertFeed($('feed'), {
  onMarkRead: (ids) => markRead(ids),
  onTriage: (id, action) => triage(id, action),
  onRender: () => {
    $('mark-visible-read').disabled = feed.visibleUnreadIds().length === 0;
    alertList?.render();
  },
});
const alertList = new AlertList(document, { feed, onError: (error) => reportError(error) });

const pinned = new PinnedCriticals($('pinned'), $('pinned-list'), {
  onAcknowledge: (id) => triage(id, 'acknowledge'),
  onCount: (count) => showFavicon(count),
});

/** Beeps once for the criticals among alerts that have not sounded yet, whichever path brought them. */
function soundFor(alerts) {
  if (heard.fresh(alerts).length > 0 && beep.play()) $('sound-toggle').dataset.sounded = String(beep.played);
}

// The criticals that exist when the page starts watching never sound.
async function primeCriticals() {
  try {
    const page = await api.alerts({ severity: 'critical', limit: 1 });
    if (!heard.primed) heard.prime((page && page.items) || []);
  } catch {
    // not primed: the first criticals seen prime it silently (heard.js)
  }
}

// A critical that arrived while the socket was down may reach the page by none of the other paths (the
// socket's catch-up skips it after a resync, the feed's filter may hide it): ask for the newest ones.
async function soundMissedCriticals() {
  try {
    const page = await api.alerts({ severity: 'critical', limit: 50 });
    soundFor((page && page.items) || []);
  } catch (error) {
    reportError(error);
  }
}

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

let live = null;
let timers = [];
// toasts pushed by console rules; only those for everyone or for this console's role show
const toasts = new ToastView(document.body, { role: () => signedIn?.role });
const connection = new ConnectionStatus(document, {
  poll: () => pollWhileDown(),
  reconnect: (trigger) => live?.reconnectNow(trigger),
});

function reportError(error) {
  if (error && error.status === 401) return;
  setText($('feed-error'), error ? error.message : '');
}

const reloadFeed = debounce(() => alertList.reload(), 250);
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
  const [alerts, stats, health] = await Promise.allSettled([
    // merged, not reset: the rows already shown stay, and the socket's catch-up merges by id later
    alertList.poll(),
    refreshStats($('stats')),
    refreshHealth($('health')),
    loadPinned(),
    soundMissedCriticals(), // the list's filters may hide a critical; the beep should not wait for the socket
  ]);
  if (alerts.status === 'fulfilled') soundFor(alerts.value);
  const failed = [alerts, stats].find((r) => r.status === 'rejected');
  reportError(failed ? failed.reason : null);
  return { ok: !failed && health.status === 'fulfilled', health: health.status === 'fulfilled' ? health.value : null };
}

function onLiveAlert(alert) {
  alertList.live(alert);
  pinned.apply(alert);
  soundFor([alert]); // whether or not the list's filters show it
  statsSoon();
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

async function connectLive(session) {
  const url = await realtimeUrl();
  if (session !== sessionGeneration) return; // signed out meanwhile
  live = new LiveConnection(url, async () => (await api.ticket()).ticket, {
    onAlert: onLiveAlert,
    onAlertState: (alert) => {
      feed.merge([alert]);
      pinned.apply(alert);
    },
    onNotification: onLiveNotification,
    onToast: (data) => toasts.show(data),
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
      soundMissedCriticals();
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

const charts = new OverviewCharts($('charts'));

// the console's pages beside the live dashboard; each one is a module registered here
const pages = new ConsolePages($('console-nav'), $('console-pages'), $('home'), {
  api: { ...api, request },
  role: () => signedIn?.role,
  reportError: (error) => reportError(error),
});
const events = eventsPage();
pages.register(events);
pages.register(sourcesPage);
pages.register(eventSourcesPage);
pages.register(channelsPage);
pages.register(templatesPage);
pages.register(rulesPage);
pages.register(groupsPage);
pages.register(subscriptionsPage);
pages.register(silencesPage);
pages.register(apiKeysPage);
pages.register(queuesPage());
pages.register(usersPage);
pages.register(auditPage);

/** Which sign-in the page is showing; a reply for an older one is dropped. */
let sessionGeneration = 0;
let signedIn = null;

function start(me) {
  signedIn = me;
  const session = ++sessionGeneration;
  setText($('who'), `${me.username} (${me.role})`);
  document.body.dataset.role = me.role;
  $('change-password').hidden = me.via !== 'session';
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  document.querySelector('[data-signed-in]').hidden = false;
  alertList.fromAddress();
  primeCriticals();
  reloadFeed();
  loadPinned();
  reloadNotifications();
  every(POLL_MS, () => refreshStats($('stats')).catch(reportError));
  every(CHART_MS, () => charts.refresh({ request }).catch(reportError));
  every(POLL_MS, () => refreshHealth($('health')).catch(reportError));
  timers.push(setInterval(() => refreshRelativeTimes(), CLOCK_MS));
  connectLive(session);
  pages.setRole(me.role);
  drawer.route();
  notificationDrawer.route();
}

/** Leaves the signed-in page: the session already ended (401) or the operator signed out. */
function showSignIn(message = '') {
  signedIn = null;
  sessionGeneration += 1;
  pages.setRole(null);
  delete document.body.dataset.role;
  live?.stop();
  live = null;
  timers.forEach(clearInterval);
  timers = [];
  reloadFeed.cancel();
  reloadNotifications.cancel();
  statsSoon.cancel();
  feed.clear();
  notifications.clear();
  if ($('event-drawer').open) $('event-drawer').close();
  if ($('notification-drawer').open) $('notification-drawer').close();
  $('dashboard').hidden = true;
  document.querySelector('[data-signed-in]').hidden = true;
  $('sign-in').hidden = false;
  setText($('sign-in-error'), message);
  $('password').value = '';
  ($('username').value ? $('password') : $('username')).focus();
}

async function signOut() {
  try {
    await api.signOut();
  } catch {
    // the session is gone either way once the page forgets it; the server drops idle ones
  }
  showSignIn();
}

/** The signed-in user's own password change (POST api/session/password); the admin token has none. */
function setUpPasswordChange() {
  const dialog = $('password-dialog');
  $('change-password').addEventListener('click', () => {
    $('password-form').reset();
    setText($('password-error'), '');
    dialog.showModal();
    $('current-password').focus();
  });
  $('password-cancel').addEventListener('click', () => dialog.close());
  $('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    setText($('password-error'), '');
    try {
      await api.changePassword($('current-password').value, $('new-password').value);
      dialog.close();
    } catch (error) {
      const field = error.body && Array.isArray(error.body.errors) && error.body.errors[0];
      setText($('password-error'), field ? `${field.field === 'newPassword' ? 'New password' : 'Current password'}: ${field.message}.` : error.message);
    }
  });
}

function setUpControls() {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) return;
    const button = $('sign-in-form').querySelector('button[type="submit"]');
    button.disabled = true;
    setText($('sign-in-error'), '');
    try {
      start(await api.signIn(username, password));
    } catch (error) {
      setText($('sign-in-error'), error.status === 401 ? 'Wrong name or password.' : error.message);
      $('password').value = '';
      $('password').focus();
    } finally {
      button.disabled = false;
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  setUpPasswordChange();
  $('mark-visible-read').addEventListener('click', () => markRead(feed.visibleUnreadIds()));
  const sound = $('sound-toggle');
  sound.setAttribute('aria-pressed', String(beep.enabled));
  sound.addEventListener('click', () => sound.setAttribute('aria-pressed', String(beep.toggle())));
  whenUnauthorized(() => {
    if (signedIn) showSignIn('Your session has ended. Sign in again.');
  });
}

setUpControls();
// a leftover from before sign-in used sessions: never keep a token in this browser
localStorage.removeItem('opscenter.adminToken');
api.me().then(start, (error) => showSignIn(error.status === 401 ? '' : error.message));
