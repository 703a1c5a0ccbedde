import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TRIAGE, offers, triageText } from '../triage.js';

test('an open alert says nothing of its triage', () => {
  assert.equal(triageText({ state: 'open' }), '');
  assert.equal(triageText({}), '', 'an alert from before triage existed is open');
});

test('an acknowledged or resolved alert says who moved it', () => {
  assert.equal(triageText({ state: 'acknowledged', acknowledgedBy: 'admin token' }), 'Acknowledged by admin token');
  assert.equal(triageText({ state: 'resolved', resolvedBy: 'ana' }), 'Resolved by ana');
});

test('each state offers the moves out of it', () => {
  const moves = (alert) => TRIAGE.map(([action]) => action).filter((action) => offers(alert, action));
  assert.deepEqual(moves({ state: 'open' }), ['acknowledge', 'resolve']);
  assert.deepEqual(moves({}), ['acknowledge', 'resolve'], 'an alert from before triage existed is open');
  assert.deepEqual(moves({ state: 'acknowledged' }), ['resolve', 'reopen']);
  assert.deepEqual(moves({ state: 'resolved' }), ['reopen']);
  assert.deepEqual(moves({ state: 'unheard-of' }), [], 'a state the page does not know offers nothing');
});
