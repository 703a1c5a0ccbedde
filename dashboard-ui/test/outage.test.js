import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OutageWatch, pollDelay, realtimeHealthy } from '../outage.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

function startedWatch() {
  const clock = fakeClock();
  const watch = new OutageWatch(clock);
  watch.begin();
  return { clock, watch };
}

test('polls every five seconds while the API answers', () => {
  assert.equal(pollDelay(0), 5_000);
});

test('failed polls double the wait up to a minute', () => {
  assert.equal(pollDelay(1), 10_000);
  assert.equal(pollDelay(3), 40_000);
  assert.equal(pollDelay(4), 60_000);
  assert.equal(pollDelay(20), 60_000);
});

test('realtime counts as healthy only when its component says ok', () => {
  assert.equal(realtimeHealthy({ components: { realtime: { status: 'ok' } } }), true);
  assert.equal(realtimeHealthy({ components: { realtime: { status: 'down' } } }), false);
  assert.equal(realtimeHealthy({ status: 'ok', components: {} }), false);
  assert.equal(realtimeHealthy(null), false);
});

test('an outage polls at once so the page catches up', () => {
  const { watch } = startedWatch();
  assert.equal(watch.pollDue(), true);
});

test('no poll is due before an outage or after it ends', () => {
  const clock = fakeClock();
  const watch = new OutageWatch(clock);
  assert.equal(watch.pollDue(), false);
  watch.begin();
  watch.end();
  clock.advance(60_000);
  assert.equal(watch.pollDue(), false);
});

test('a poll in flight is not started again', () => {
  const { clock, watch } = startedWatch();
  watch.pollStarted();
  clock.advance(30_000);
  assert.equal(watch.pollDue(), false);
});

test('the next poll is due five seconds after a good one', () => {
  const { clock, watch } = startedWatch();
  watch.pollStarted();
  watch.polled(true);
  clock.advance(4_999);
  assert.equal(watch.pollDue(), false);
  clock.advance(1);
  assert.equal(watch.pollDue(), true);
});

test('failed polls back off and a good one resets the wait', () => {
  const { clock, watch } = startedWatch();
  watch.polled(false);
  clock.advance(9_999);
  assert.equal(watch.pollDue(), false);
  clock.advance(1);
  assert.equal(watch.pollDue(), true);
  watch.polled(true);
  clock.advance(5_000);
  assert.equal(watch.pollDue(), true);
});

test('beginning again during an outage keeps its poll schedule', () => {
  const { clock, watch } = startedWatch();
  watch.polled(false);
  watch.begin();
  clock.advance(5_000);
  assert.equal(watch.pollDue(), false);
});

test('the countdown ticks down with the clock', () => {
  const { clock, watch } = startedWatch();
  watch.retryIn(8_000);
  assert.equal(watch.secondsLeft(), 8);
  clock.advance(1_000);
  assert.equal(watch.secondsLeft(), 7);
  clock.advance(6_500);
  assert.equal(watch.secondsLeft(), 1);
});

test('the countdown never goes below zero', () => {
  const { clock, watch } = startedWatch();
  watch.retryIn(1_000);
  clock.advance(5_000);
  assert.equal(watch.secondsLeft(), 0);
});

test('there is no countdown while an attempt is under way', () => {
  const { watch } = startedWatch();
  watch.retryIn(null);
  assert.equal(watch.secondsLeft(), null);
  assert.equal(watch.message(), 'Reconnecting now…');
});

test('the banner says when the next attempt is', () => {
  const { watch } = startedWatch();
  watch.retryIn(12_300);
  assert.equal(watch.message(), 'Reconnecting in 13 s.');
});

test('an ended outage has no countdown', () => {
  const { watch } = startedWatch();
  watch.retryIn(5_000);
  watch.end();
  assert.equal(watch.secondsLeft(), null);
  assert.equal(watch.active, false);
});
