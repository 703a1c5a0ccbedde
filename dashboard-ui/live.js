// The live socket to realtime-service. It survives restarts and network blips on its own:
// reconnects with capped exponential backoff plus jitter (so a fleet of dashboards does not
// reconnect in lockstep), resumes with since=<last feed id> so nothing is missed, and treats a
// silent connection as dead — heartbeats arrive every 20 s, so 60 s of silence means it is gone.

const WATCHDOG_MS = 60_000;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Delay before reconnect attempt n (0-based): half fixed, half random, capped at 30 s. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Where the socket lives: ui-config's realtimeUrl, else port 8081 on this host. */
export function defaultRealtimeUrl(loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.hostname}:8081/ws`;
}

/**
 * LiveConnection keeps one socket open and reports what it hears.
 * handlers: onAlert(alert, feedId), onNotification(notification), onToast(toast), onResync(),
 * onState({state, retryInMs, attempt, trigger}), onOpen({resumed}).
 */
export class LiveConnection {
  /**
   * ticket: async () => a fresh single-use ticket for the socket's URL (POST api/session/ticket);
   * the session cookie itself never leaves the ingress's origin and no token is put in a URL.
   */
  constructor(url, ticket, handlers) {
    this.url = url;
    this.ticket = ticket;
    this.opening = 0;
    this.handlers = handlers;
    this.lastId = null;
    this.attempt = 0;
    this.socket = null;
    this.retryTimer = null;
    this.watchdog = null;
    this.stopped = false;
    this.trigger = 'start';
    this.onOnline = () => this.reconnectNow('online');
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.open('start');
  }

  stop() {
    this.stopped = true;
    this.opening += 1;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    this.discardSocket();
    this.report('offline');
  }

  /**
   * Skips the backoff wait: the browser says the network is back ('online'), the operator asked
   * ('button') or ingress reports realtime healthy again ('health').
   */
  reconnectNow(trigger = 'online') {
    if (this.stopped || (this.socket && this.socket.readyState === WebSocket.OPEN)) return;
    clearTimeout(this.retryTimer);
    this.discardSocket();
    this.open(trigger);
  }

  open(trigger = 'backoff') {
    this.trigger = trigger;
    this.report(this.attempt === 0 ? 'connecting' : 'reconnecting');
    // a newer open (reconnect now, stop) makes this one's ticket useless: only the latest connects
    const opening = ++this.opening;
    Promise.resolve()
      .then(() => this.ticket())
      .then(
        (ticket) => {
          if (opening === this.opening && !this.stopped) this.connect(ticket);
        },
        () => {
          if (opening === this.opening && !this.stopped) this.scheduleRetry();
        },
      );
  }

  connect(ticket) {
    const params = new URLSearchParams({ ticket });
    const resumed = this.lastId !== null;
    if (resumed) params.set('since', this.lastId);
    const separator = this.url.includes('?') ? '&' : '?';
    let socket;
    try {
      socket = new WebSocket(`${this.url}${separator}${params}`);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.armWatchdog();
      this.report('live');
      this.handlers.onOpen?.({ resumed });
    };
    socket.onmessage = (event) => {
      this.armWatchdog();
      this.dispatch(event.data);
    };
    // onerror is always followed by onclose, which owns the retry.
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearTimeout(this.watchdog);
      if (!this.stopped) this.scheduleRetry();
    };
  }

  dispatch(raw) {
    let message;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    this.handle(message);
  }

  handle(message) {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'batch':
        // messages that came together, in order: one frame per flush instead of one per message
        if (Array.isArray(message.messages)) message.messages.forEach((m) => this.handle(m));
        break;
      case 'alert':
        if (message.id) this.lastId = String(message.id);
        if (message.data) this.handlers.onAlert(message.data, message.id);
        break;
      case 'alert_state':
        // an alert acknowledged, resolved or reopened (here or in another console); no feed id either
        if (message.data) this.handlers.onAlertState?.(message.data);
        break;
      case 'notification':
        // status changes carry no feed id (they are not in the catch-up feed), so lastId stays as it is
        if (message.data) this.handlers.onNotification?.(message.data);
        break;
      case 'toast':
        // a rule's notice for whoever is looking now; not in the catch-up feed either
        if (message.data) this.handlers.onToast?.(message.data);
        break;
      case 'resync':
        this.handlers.onResync();
        break;
      default:
        // heartbeat and types this page does not show yet only prove the link is alive
        break;
    }
  }

  armWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      // a half-open TCP connection may never fire onclose, so drop it and start over ourselves
      this.discardSocket();
      this.scheduleRetry();
    }, WATCHDOG_MS);
  }

  scheduleRetry() {
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.report('reconnecting', delay);
    this.retryTimer = setTimeout(() => this.open('backoff'), delay);
  }

  discardSocket() {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // already closed
    }
  }

  report(state, retryInMs = null) {
    this.handlers.onState?.({ state, retryInMs, attempt: this.attempt, trigger: this.trigger });
  }
}
