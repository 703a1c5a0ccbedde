// The live link's state as the operator sees it: the header's dot and text, and while the socket is
// down the "Live updates paused" banner with its ticking countdown. While it is down it also runs the
// page's REST poll on OutageWatch's schedule and reconnects as soon as a poll finds realtime healthy.

import { setText } from './dom.js';
import { OutageWatch, realtimeHealthy } from './outage.js';

const TICK_MS = 1_000;

/**
 * ConnectionStatus takes LiveConnection's state reports.
 * poll(): resolves to {ok, health} (health being GET /api/system/health's report or null);
 * reconnect(trigger): asks the socket to try at once.
 */
export class ConnectionStatus {
  constructor(doc, { poll, reconnect }) {
    this.header = doc.getElementById('connection');
    this.banner = doc.getElementById('outage');
    this.announcer = doc.getElementById('outage-status');
    this.countdown = doc.getElementById('outage-countdown');
    this.poll = poll;
    this.reconnect = reconnect;
    this.watch = new OutageWatch();
    this.ticker = null;
    doc.getElementById('reconnect-now').addEventListener('click', () => this.reconnect('button'));
  }

  /** True while the socket is down and the page polls instead. */
  get down() {
    return this.watch.active;
  }

  /** Takes a LiveConnection onState report. */
  show({ state, retryInMs = null, attempt = 0, trigger = '' }) {
    this.header.dataset.state = state;
    if (state === 'reconnecting') {
      this.begin();
      this.watch.retryIn(retryInMs);
      this.banner.dataset.attempt = String(attempt);
      this.banner.dataset.trigger = trigger;
    } else if (this.watch.active) {
      this.end(state === 'live' ? 'Live updates resumed.' : '');
    }
    this.render();
  }

  begin() {
    if (this.watch.active) return;
    this.watch.begin();
    this.banner.hidden = false;
    setText(this.announcer, 'Live updates paused. Alerts and stats refresh every few seconds until the connection is back.');
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  end(announcement) {
    this.watch.end();
    clearInterval(this.ticker);
    this.ticker = null;
    this.banner.hidden = true;
    setText(this.announcer, announcement);
  }

  tick() {
    this.render();
    if (this.watch.pollDue()) this.pollOnce();
  }

  async pollOnce() {
    this.watch.pollStarted();
    let ok = false;
    try {
      const result = await this.poll();
      ok = result.ok;
      if (this.watch.active && realtimeHealthy(result.health)) this.reconnect('health');
    } catch {
      ok = false;
    }
    this.watch.polled(ok);
  }

  render() {
    const left = this.watch.secondsLeft();
    const state = this.header.dataset.state;
    const text = {
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: left === null ? 'Reconnecting…' : `Reconnecting in ${left} s`,
      offline: 'Offline',
    }[state];
    setText(this.header.querySelector('.connection-text'), text || state);
    if (!this.watch.active) return;
    setText(this.countdown, this.watch.message());
    this.countdown.dataset.seconds = left === null ? '' : String(left);
  }
}
