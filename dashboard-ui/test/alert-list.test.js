import assert from 'node:assert/strict';
import { test } from 'node:test';

import { summary } from '../alert-list.js';

test('the summary says how many match and whether older ones are left', () => {
  assert.equal(summary({ filtered: true, count: 50, more: true }), '50 matching alerts shown; Load more for older ones.');
  assert.equal(summary({ filtered: true, count: 1, more: false }), '1 matching alert, all shown.');
});

test('no summary for the unfiltered or an empty list (the empty state speaks)', () => {
  assert.equal(summary({ filtered: false, count: 50, more: true }), '');
  assert.equal(summary({ filtered: true, count: 0, more: false }), '');
});

test('grouped, it names the window', () => {
  assert.equal(summary({ grouped: true, window: '24h' }), 'Repeats of the last 24h, latest first.');
});
