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
  const live = new LiveConnection('ws://x/ws', 't', {
    onAlert: () => assert.fail('not an alert'),
    onAlertState: (alert) => seen.push(alert),
  });
  live.lastId = '17-0';
  live.handle({ type: 'batch', messages: [{ type: 'alert_state', id: null, data: { id: 5, state: 'acknowledged' } }] });
  assert.deepEqual(seen, [{ id: 5, state: 'acknowledged' }]);
  assert.equal(live.lastId, '17-0');
});
