import assert from 'node:assert/strict';
import { test } from 'node:test';

import { elapsed } from '../notification-detail.js';

const T0 = '2026-03-10T12:00:00.000Z';
const after = (ms) => new Date(Date.parse(T0) + ms).toISOString();

test('elapsed is null when either time is missing', () => {
  assert.equal(elapsed(null, T0), null);
  assert.equal(elapsed(T0, undefined), null);
});

test('elapsed is null when the end is before the start or a time does not parse', () => {
  assert.equal(elapsed(after(1_000), T0), null);
  assert.equal(elapsed('soon', T0), null);
});

test('under a second elapsed is in milliseconds', () => {
  assert.equal(elapsed(T0, after(0)), '0 ms');
  assert.equal(elapsed(T0, after(999)), '999 ms');
});

test('under two minutes elapsed is in seconds with one decimal', () => {
  assert.equal(elapsed(T0, after(1_000)), '1.0 s');
  assert.equal(elapsed(T0, after(1_449)), '1.4 s');
  assert.equal(elapsed(T0, after(119_900)), '119.9 s');
});

test('two minutes and over elapsed is in whole minutes', () => {
  assert.equal(elapsed(T0, after(120_000)), '2 min');
  assert.equal(elapsed(T0, after(150_000)), '3 min');
});
