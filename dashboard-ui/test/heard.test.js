import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HeardCriticals } from '../heard.js';

const critical = (id) => ({ id, severity: 'critical' });

test('a critical sounds once, whichever path brings it first', () => {
  const heard = new HeardCriticals();
  heard.prime([critical(10)]);
  assert.deepEqual(heard.fresh([critical(11)]).map((a) => a.id), [11], 'live');
  assert.deepEqual(heard.fresh([critical(11), critical(12)]).map((a) => a.id), [12], 'the reconnect check finds 11 heard');
  assert.deepEqual(heard.fresh([critical(12)]), [], 'and the catch-up finds both');
});

test('criticals that were there when the page loaded never sound', () => {
  const heard = new HeardCriticals();
  heard.prime([critical(10)]);
  assert.deepEqual(heard.fresh([critical(9), critical(10)]), []);
});

test('other severities never sound', () => {
  const heard = new HeardCriticals();
  heard.prime([]);
  assert.deepEqual(heard.fresh([{ id: 5, severity: 'error' }, { id: 6, severity: 'info' }]), []);
  assert.deepEqual(heard.fresh([critical(7)]).map((a) => a.id), [7], 'with no critical at load, any new one sounds');
});

test('before priming, what arrives primes silently', () => {
  const heard = new HeardCriticals();
  assert.equal(heard.primed, false);
  assert.deepEqual(heard.fresh([critical(20)]), []);
  assert.equal(heard.primed, true);
  assert.deepEqual(heard.fresh([critical(20), critical(21)]).map((a) => a.id), [21]);
});
