import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LiveConnection, backoffDelay, defaultRealtimeUrl } from '../live.js';

test('the first reconnect waits between half a second and a second', () => {
  assert.equal(backoffDelay(0, () => 0), 500);
  assert.equal(backoffDelay(0, () => 1), 1_000);
});

test('each further reconnect doubles the wait, half of it random', () => {
  assert.equal(backoffDelay(3, () => 0), 4_000);
  assert.equal(backoffDelay(3, () => 0.5), 6_000);
  assert.equal(backoffDelay(3, () => 1), 8_000);
});

test('the reconnect wait is capped at 30 seconds', () => {
  assert.equal(backoffDelay(10, () => 1), 30_000);
  assert.equal(backoffDelay(10, () => 0), 15_000);
});

test('the live socket uses ws on port 8081 of the page host', () => {
  const url = defaultRealtimeUrl({ protocol: 'http:', hostname: 'ops.example', host: 'ops.example:8080' });
  assert.equal(url, 'ws://ops.example:8081/ws');
});

test('a page served over https gets a wss live socket', () => {
  assert.equal(defaultRealtimeUrl({ protocol: 'https:', hostname: 'ops.example' }), 'wss://ops.example:8081/ws');
});

test('an alert_state message goes to onAlertState and leaves the catch-up position alone', () => {
  const seen = [];
  const live = new LiveConnection('ws://x/ws', async () => 't', {
    onAlert: () => assert.fail('not an alert'),
    onAlertState: (alert) => seen.push(alert),
  });
  live.lastId = '17-0';
  live.handle({ type: 'batch', messages: [{ type: 'alert_state', id: null, data: { id: 5, state: 'acknowledged' } }] });
  assert.deepEqual(seen, [{ id: 5, state: 'acknowledged' }]);
  assert.equal(live.lastId, '17-0');
});

test('a toast message goes to onToast and leaves the catch-up position alone', () => {
  const seen = [];
  const live = new LiveConnection('ws://x/ws', async () => 't', {
    onAlert: () => assert.fail('not an alert'),
    onToast: (toast) => seen.push(toast),
  });
  live.lastId = '17-0';
  live.handle({ type: 'batch', messages: [{ type: 'toast', id: null, data: { title: 'Deploy failed', role: null } }] });
  assert.deepEqual(seen, [{ title: 'Deploy failed', role: null }]);
  assert.equal(live.lastId, '17-0');
});

/** A stand-in for the browser's WebSocket that records the URLs opened. */
function fakeBrowser() {
  const opened = [];
  globalThis.window = { addEventListener() {}, removeEventListener() {} };
  globalThis.WebSocket = class {
    constructor(url) {
      opened.push(url);
      this.readyState = 0;
    }
    close() {}
  };
  globalThis.WebSocket.OPEN = 1;
  return opened;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('each connection asks for a fresh ticket and puts only the ticket and position in the URL', async () => {
  const opened = fakeBrowser();
  let issued = 0;
  const live = new LiveConnection('ws://x/ws', async () => `ticket-${++issued}`, {});
  live.lastId = '9-0';
  live.start();
  await settle();
  live.reconnectNow('button');
  await settle();
  live.stop();
  assert.deepEqual(opened, ['ws://x/ws?ticket=ticket-1&since=9-0', 'ws://x/ws?ticket=ticket-2&since=9-0']);
  assert.ok(opened.every((url) => !url.includes('token')));
});

test('a ticket that arrives after stop or a newer attempt opens nothing', async () => {
  const opened = fakeBrowser();
  const pending = [];
  const live = new LiveConnection('ws://x/ws', () => new Promise((resolve) => pending.push(resolve)), {});
  live.start();
  live.reconnectNow('button');
  await settle();
  pending[0]('stale');
  await settle();
  assert.deepEqual(opened, []);
  pending[1]('fresh');
  await settle();
  assert.deepEqual(opened, ['ws://x/ws?ticket=fresh']);
  live.stop();
  live.open('backoff');
  live.stop();
  await settle();
  pending[2]('after-stop');
  await settle();
  assert.equal(opened.length, 1);
});

test('a refused ticket schedules a retry instead of opening a socket', async () => {
  const opened = fakeBrowser();
  const states = [];
  const live = new LiveConnection('ws://x/ws', async () => {
    throw new Error('503');
  }, { onState: (report) => states.push(report.state) });
  live.start();
  await settle();
  live.stop();
  assert.deepEqual(opened, []);
  assert.ok(states.includes('reconnecting'), states.join());
});
