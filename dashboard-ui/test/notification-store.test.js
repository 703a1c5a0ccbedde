import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_ROWS, NotificationStore } from '../notification-store.js';

const row = (id, status = 'sent', extra = {}) => ({ id, status, body: `body ${id}`, attempts: 1, ...extra });
const ids = (store) => store.list().map((r) => r.id);
const page = (from, to, status = 'sent') => {
  const items = [];
  for (let id = from; id >= to; id -= 1) items.push(row(id, status));
  return items;
};

// REST pages

test('a first page is shown in the order the server sent it', () => {
  const store = new NotificationStore();
  store.reset([row(3), row(2), row(1)], 1, store.mark());
  assert.deepEqual(ids(store), [3, 2, 1]);
});

test('a first page keeps its nextBefore as the cursor for Load more', () => {
  const store = new NotificationStore();
  store.reset([row(3), row(2)], 2, store.mark());
  assert.equal(store.before, 2);
});

test('a first page replaces the rows shown before it', () => {
  const store = new NotificationStore();
  store.reset([row(9), row(8)], null, store.mark());
  store.reset([row(3), row(2)], null, store.mark());
  assert.deepEqual(ids(store), [3, 2]);
  assert.equal(store.get(9), undefined);
});

test('an older page goes below the rows shown', () => {
  const store = new NotificationStore();
  store.reset([row(5), row(4)], 4, store.mark());
  store.append([row(3), row(2)], 2, store.mark());
  assert.deepEqual(ids(store), [5, 4, 3, 2]);
  assert.equal(store.before, 2);
});

test('an older page that repeats a shown row updates it instead of adding it twice', () => {
  const store = new NotificationStore();
  store.reset([row(5), row(4, 'pending')], 4, store.mark());
  store.append([row(4, 'failed'), row(3)], 3, store.mark());
  assert.deepEqual(ids(store), [5, 4, 3]);
  assert.equal(store.get(4).status, 'failed');
});

test('page items outside the status filter are left out', () => {
  const store = new NotificationStore();
  store.status = 'failed';
  store.reset([row(3, 'failed'), row(2, 'sent'), row(1, 'failed')], null, store.mark());
  assert.deepEqual(ids(store), [3, 1]);
});

test('a live change to a shown row updates it in place', () => {
  const store = new NotificationStore();
  store.reset([row(3), row(2, 'pending'), row(1)], null, store.mark());
  const changed = store.live({ id: 2, status: 'sent', body: null });
  assert.deepEqual(ids(store), [3, 2, 1]);
  assert.equal(store.get(2).status, 'sent');
  assert.equal(changed, store.get(2));
});

test('a live change for a row not shown goes on top', () => {
  const store = new NotificationStore();
  store.reset([row(3), row(2)], null, store.mark());
  store.live({ id: 4, status: 'pending', body: null });
  assert.deepEqual(ids(store), [4, 3, 2]);
});

test('a live change keeps the body REST gave the row', () => {
  const store = new NotificationStore();
  store.reset([row(1, 'pending')], null, store.mark());
  store.live({ id: 1, status: 'sent', body: null });
  assert.equal(store.get(1).body, 'body 1');
});

test('a live change without an integer id is ignored', () => {
  const store = new NotificationStore();
  const mark = store.mark();
  assert.equal(store.live({ id: '7', status: 'sent' }), null);
  assert.equal(store.live(null), null);
  assert.deepEqual(store.list(), []);
  assert.equal(store.mark(), mark);
});

test('a live change for another status than the filter is not added', () => {
  const store = new NotificationStore();
  store.status = 'failed';
  store.reset([row(2, 'failed')], null, store.mark());
  assert.equal(store.live({ id: 3, status: 'sent', body: null }), null);
  assert.deepEqual(ids(store), [2]);
});

test('a shown row that leaves the filtered status stays until the next load', () => {
  const store = new NotificationStore();
  store.status = 'failed';
  store.reset([row(2, 'failed')], null, store.mark());
  store.live({ id: 2, status: 'pending', body: null });
  assert.deepEqual(ids(store), [2]);
  assert.equal(store.get(2).status, 'pending');
});

// REST answers against live changes that overtook them

test('a live change newer than a REST answer wins over it', () => {
  const store = new NotificationStore();
  const mark = store.mark();
  store.live({ id: 1, status: 'sent', body: null });
  store.reset([row(1, 'pending')], null, mark); // the page was read before the worker reported "sent"
  assert.equal(store.get(1).status, 'sent');
  assert.equal(store.get(1).body, 'body 1');
});

test('a live change older than a REST answer does not override it', () => {
  const store = new NotificationStore();
  store.live({ id: 1, status: 'sending', body: null });
  const mark = store.mark();
  store.reset([row(1, 'sent')], null, mark);
  assert.equal(store.get(1).status, 'sent');
});

test('a live change newer than an older page wins over that page', () => {
  const store = new NotificationStore();
  store.reset([row(5), row(4)], 4, store.mark());
  const mark = store.mark();
  store.live({ id: 3, status: 'failed', body: null }); // not shown yet: goes on top
  store.append([row(3, 'pending'), row(2)], 2, mark);
  assert.equal(store.get(3).status, 'failed');
});

test('a live change newer than a first page adds its row on top when the page lacks it', () => {
  const store = new NotificationStore();
  const mark = store.mark();
  store.live({ id: 9, status: 'pending', body: null });
  store.reset([row(3), row(2)], null, mark);
  assert.deepEqual(ids(store), [9, 3, 2]);
});

test('several live changes to one row are replayed together', () => {
  const store = new NotificationStore();
  const mark = store.mark();
  store.live({ id: 1, status: 'sending', body: null });
  store.live({ id: 1, attempts: 2, body: null });
  store.reset([row(1, 'pending', { attempts: 1 })], null, mark);
  assert.equal(store.get(1).status, 'sending');
  assert.equal(store.get(1).attempts, 2);
});

test('only the live changes of the latest 500 rows are remembered for replay', () => {
  const store = new NotificationStore();
  store.status = 'failed'; // the live rows are remembered but not shown
  const mark = store.mark();
  for (let id = 1; id <= 501; id += 1) store.live({ id, status: 'sent', body: null });
  store.reset([row(2, 'failed'), row(1, 'failed')], null, mark);
  assert.equal(store.get(2).status, 'sent');
  assert.equal(store.get(1).status, 'failed');
});

test('a server answer for a shown row updates it', () => {
  const store = new NotificationStore();
  store.reset([row(1, 'failed')], null, store.mark());
  const mark = store.mark();
  store.update({ id: 1, status: 'pending', attempts: 0 }, mark);
  assert.equal(store.get(1).status, 'pending');
  assert.equal(store.get(1).attempts, 0);
});

test('a server answer for a row not shown is dropped', () => {
  const store = new NotificationStore();
  store.reset([row(1, 'failed')], null, store.mark());
  store.update({ id: 2, status: 'pending' }, store.mark());
  assert.deepEqual(ids(store), [1]);
});

test('a live change newer than a retry answer wins over it', () => {
  const store = new NotificationStore();
  store.reset([row(1, 'failed')], null, store.mark());
  const mark = store.mark();
  store.live({ id: 1, status: 'sent', body: null }); // the worker was faster than the 202
  store.update({ id: 1, status: 'pending', attempts: 0 }, mark);
  assert.equal(store.get(1).status, 'sent');
});

// size and reset

test(`more than ${MAX_ROWS} rows are cut from the bottom and the cursor follows the last one kept`, () => {
  const store = new NotificationStore();
  store.reset(page(400, 1), 1, store.mark());
  assert.equal(store.list().length, MAX_ROWS);
  assert.equal(ids(store)[0], 400);
  assert.equal(store.before, 101);
  assert.equal(store.get(100), undefined);
});

test('a live row on top of a full list pushes the bottom row out', () => {
  const store = new NotificationStore();
  store.reset(page(MAX_ROWS, 1), null, store.mark());
  store.live({ id: MAX_ROWS + 1, status: 'pending', body: null });
  assert.equal(store.list().length, MAX_ROWS);
  assert.equal(ids(store)[0], MAX_ROWS + 1);
  assert.equal(store.get(1), undefined);
  assert.equal(store.before, 2);
});

test('clear forgets the rows, the cursor and the live changes', () => {
  const store = new NotificationStore();
  store.reset([row(2), row(1)], 1, store.mark());
  store.live({ id: 1, status: 'failed', body: null });
  store.clear();
  assert.deepEqual(store.list(), []);
  assert.equal(store.before, null);
  store.reset([row(1, 'pending')], null, 0);
  assert.equal(store.get(1).status, 'pending');
});

test('failedIds lists the failed rows in display order', () => {
  const store = new NotificationStore();
  store.reset([row(4, 'failed'), row(3, 'sent'), row(2, 'failed'), row(1, 'pending')], null, store.mark());
  store.live({ id: 5, status: 'failed', body: null });
  assert.deepEqual(store.failedIds(), [5, 4, 2]);
});
