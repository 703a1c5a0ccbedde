import assert from 'node:assert/strict';
import { test } from 'node:test';

import { groupFilter, groupLabel, openText } from '../alert-groups.js';

test('a repeat reads "CI failed ×5"; a single alert is just its title', () => {
  assert.equal(groupLabel({ title: 'CI failed', count: 5 }), 'CI failed ×5');
  assert.equal(groupLabel({ title: 'Deploy done', count: 1 }), 'Deploy done');
});

test('how many are still open', () => {
  assert.equal(openText({ open: 3 }), '3 open');
  assert.equal(openText({ open: 0 }), 'none open');
});

test('a group opens as the list of its source, type and title', () => {
  assert.deepEqual(groupFilter({ source: 'ci', eventType: 'workflow_run', title: 'CI failed' }), {
    source: 'ci',
    type: 'workflow_run',
    q: 'CI failed',
  });
});
