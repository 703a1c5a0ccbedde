import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pinnable, titleWith } from '../pinned.js';

test('the tab title counts the open criticals, and is plain without any', () => {
  assert.equal(titleWith(3, 'OpsCenter'), '(3) OpsCenter');
  assert.equal(titleWith(0, 'OpsCenter'), 'OpsCenter');
});

test('only an open critical is pinned', () => {
  assert.equal(pinnable({ severity: 'critical', state: 'open' }), true);
  assert.equal(pinnable({ severity: 'critical' }), true, 'an alert without a state is open');
  assert.equal(pinnable({ severity: 'critical', state: 'acknowledged' }), false);
  assert.equal(pinnable({ severity: 'error', state: 'open' }), false);
});
