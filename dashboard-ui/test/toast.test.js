import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_TOASTS, ToastStack, isForRole, readToast } from '../toast.js';

/** Timers the test runs by hand: nothing waits. */
function fakeTimers() {
  const pending = new Map();
  let next = 1;
  return {
    setTimeout(fn) {
      const id = next++;
      pending.set(id, fn);
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    runAll() {
      const due = [...pending.values()];
      pending.clear();
      due.forEach((fn) => fn());
    },
    get count() {
      return pending.size;
    },
  };
}

test('a toast is read as text with only the known severities, ids and roles', () => {
  assert.deepEqual(
    readToast({ title: ' Deploy failed ', text: 'ci', severity: 'error', alertId: 7, role: 'operator', extra: 1 }),
    { title: 'Deploy failed', text: 'ci', severity: 'error', alertId: 7, role: 'operator' },
  );
  assert.deepEqual(readToast({ title: '<b>x</b>', severity: 'urgent', alertId: '7', role: '' }), {
    title: '<b>x</b>',
    text: '',
    severity: null,
    alertId: null,
    role: null,
  });
  assert.equal(readToast({ title: '', text: '   ' }), null, 'nothing to show');
  assert.equal(readToast({ title: 5 }), null);
  assert.equal(readToast(null), null);
  assert.equal(readToast('toast'), null);
});

test('a toast for a role shows only on consoles of that role; one without a role on every console', () => {
  const operators = readToast({ title: 't', role: 'operator' });
  const everyone = readToast({ title: 't' });
  assert.equal(isForRole(operators, 'operator'), true);
  assert.equal(isForRole(operators, 'viewer'), false);
  assert.equal(isForRole(operators, undefined), false);
  assert.equal(isForRole(everyone, 'viewer'), true);
  assert.equal(isForRole(everyone, 'admin'), true);
});

test('at most MAX_TOASTS show: a new one pushes out the oldest', () => {
  const removed = [];
  const stack = new ToastStack({ timers: fakeTimers(), onRemove: (e) => removed.push(e.toast.title) });
  for (let i = 1; i <= MAX_TOASTS + 2; i++) stack.add({ title: `t${i}` });
  assert.equal(stack.showing.length, MAX_TOASTS);
  assert.deepEqual(
    stack.showing.map((t) => t.title),
    ['t3', 't4', 't5'],
  );
  assert.deepEqual(removed, ['t1', 't2']);
});

test('a toast hides when its time runs out, unless someone is on it', () => {
  const timers = fakeTimers();
  const stack = new ToastStack({ timers });
  const read = stack.add({ title: 'being read' });
  stack.add({ title: 'ignored' });
  stack.hold(read.id);
  timers.runAll();
  assert.deepEqual(
    stack.showing.map((t) => t.title),
    ['being read'],
  );
  stack.release(read.id);
  assert.equal(timers.count, 1);
  timers.runAll();
  assert.deepEqual(stack.showing, []);
});

test('dismissing a toast removes it and stops its timer; dismissing it twice does nothing', () => {
  const timers = fakeTimers();
  let removals = 0;
  const stack = new ToastStack({ timers, onRemove: () => removals++ });
  const entry = stack.add({ title: 'x' });
  stack.dismiss(entry.id);
  stack.dismiss(entry.id);
  assert.equal(removals, 1);
  assert.equal(timers.count, 0);
  assert.deepEqual(stack.showing, []);
});
