import assert from 'node:assert/strict';
import { test } from 'node:test';

import { debounce, relativeTime } from '../dom.js';

// the module formats with the runtime's default locale, so expectations are formatted the same way
const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const NOW = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds) => new Date(NOW - seconds * 1000).toISOString();

test('a missing time is shown as nothing', () => {
  assert.equal(relativeTime(null, NOW), '');
  assert.equal(relativeTime('', NOW), '');
});

test('a time within five seconds either way is just now', () => {
  assert.equal(relativeTime(ago(4), NOW), 'just now');
  assert.equal(relativeTime(ago(-4), NOW), 'just now');
});

test('a time that does not parse is shown as given', () => {
  assert.equal(relativeTime('not a time', NOW), 'not a time');
});

test('under a minute counts in seconds, a minute and over in minutes', () => {
  assert.equal(relativeTime(ago(59), NOW), format.format(-59, 'second'));
  assert.equal(relativeTime(ago(60), NOW), format.format(-1, 'minute'));
  assert.equal(relativeTime(ago(5 * 60 + 20), NOW), format.format(-5, 'minute'));
});

test('a future time reads forward in the largest unit under its size', () => {
  assert.equal(relativeTime(ago(-3 * 3600), NOW), format.format(3, 'hour'));
  assert.equal(relativeTime(ago(-2 * 86400), NOW), format.format(2, 'day'));
});

test('a burst of calls runs the debounced function once, wait ms after the last, with its arguments', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls = [];
  const debounced = debounce((...args) => calls.push(args), 100);
  debounced('a');
  t.mock.timers.tick(60);
  debounced('b', 2);
  t.mock.timers.tick(99);
  assert.deepEqual(calls, []);
  t.mock.timers.tick(1);
  assert.deepEqual(calls, [['b', 2]]);
});

test('cancel drops a pending debounced call', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let calls = 0;
  const debounced = debounce(() => (calls += 1), 100);
  debounced();
  debounced.cancel();
  t.mock.timers.tick(1_000);
  assert.equal(calls, 0);
});
