// What the page does while the live socket is down, as plain state with an injected clock: the
// countdown to the next reconnect attempt, when to poll the REST API next (every 5 s, backing off
// to 60 s while the API itself fails) and whether the health report says realtime is back.
// app.js owns the timers and the DOM; everything here can be tested without waiting.

export const POLL_MS = 5_000;
export const MAX_POLL_MS = 60_000;

/** The wait before the next poll after `failures` failed polls in a row: doubles from 5 s, capped at 60 s. */
export function pollDelay(failures, base = POLL_MS, cap = MAX_POLL_MS) {
  return Math.min(cap, base * 2 ** Math.max(0, failures));
}

/** True when GET /api/system/health says the realtime service answers its own health check. */
export function realtimeHealthy(report) {
  return Boolean(report && report.components && report.components.realtime && report.components.realtime.status === 'ok');
}

/** OutageWatch tracks one outage of the live socket: from the first failed connect until it is open again. */
export class OutageWatch {
  constructor(clock = () => Date.now()) {
    this.clock = clock;
    this.active = false;
    this.since = null;
    this.retryAt = null;
    this.failures = 0;
    this.nextPollAt = null;
  }

  /** The socket is down: start the outage (once) and poll at once so the page catches up. */
  begin() {
    if (this.active) return;
    this.active = true;
    this.since = this.clock();
    this.failures = 0;
    this.nextPollAt = this.since;
  }

  /** The socket is open again. */
  end() {
    this.active = false;
    this.since = null;
    this.retryAt = null;
    this.nextPollAt = null;
  }

  /** The socket will try again in `delayMs`; null while an attempt is under way. */
  retryIn(delayMs) {
    this.retryAt = delayMs === null || delayMs === undefined ? null : this.clock() + delayMs;
  }

  /** Whole seconds until the next attempt (never below 0), or null while one is under way or none is planned. */
  secondsLeft() {
    if (!this.active || this.retryAt === null) return null;
    return Math.max(0, Math.ceil((this.retryAt - this.clock()) / 1000));
  }

  /** True when a REST poll is due now. */
  pollDue() {
    return this.active && this.nextPollAt !== null && this.clock() >= this.nextPollAt;
  }

  /** A poll started: no other one is due until it reports back. */
  pollStarted() {
    this.nextPollAt = null;
  }

  /** A poll finished; failed polls back off so a struggling API is not hammered. */
  polled(ok) {
    this.failures = ok ? 0 : this.failures + 1;
    if (this.active) this.nextPollAt = this.clock() + pollDelay(this.failures);
  }

  /** What the banner's countdown says. */
  message() {
    const left = this.secondsLeft();
    if (left === null) return 'Reconnecting now…';
    if (left === 0) return 'Reconnecting…';
    return `Reconnecting in ${left} s.`;
  }
}
