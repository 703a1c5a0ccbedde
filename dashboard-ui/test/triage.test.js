import assert from 'node:assert/strict';
import { test } from 'node:test';

import { triageText } from '../feed.js';

test('an open alert says nothing of its triage', () => {
  assert.equal(triageText({ state: 'open' }), '');
  assert.equal(triageText({}), '', 'an alert from before triage existed is open');
});

test('an acknowledged or resolved alert says who moved it', () => {
  assert.equal(triageText({ state: 'acknowledged', acknowledgedBy: 'admin token' }), 'Acknowledged by admin token');
  assert.equal(triageText({ state: 'resolved', resolvedBy: 'ana' }), 'Resolved by ana');
});
