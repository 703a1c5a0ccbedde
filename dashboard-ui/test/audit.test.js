import assert from 'node:assert/strict';
import { test } from 'node:test';

import { changedFields, describe, flatten, formatValue } from '../audit.js';

test('flatten names nested fields by their dotted path and keeps arrays whole', () => {
  const flat = flatten({ name: 'gh', settings: { header: 'X-Sig', prefix: null }, eventTypes: ['a', 'b'], empty: {} });
  assert.deepEqual([...flat.entries()], [
    ['name', 'gh'],
    ['settings.header', 'X-Sig'],
    ['settings.prefix', null],
    ['eventTypes', ['a', 'b']],
    ['empty', {}],
  ]);
});

test('an update lists only the fields that changed, nested ones by path', () => {
  const before = { id: 3, name: 'GitHub', active: true, settings: { header: 'X-A' }, updatedAt: '2026-01-01T00:00:00Z' };
  const after = { id: 3, name: 'GitHub main', active: true, settings: { header: 'X-B' }, updatedAt: '2026-01-02T00:00:00Z' };
  assert.deepEqual(changedFields(before, after), [
    { field: 'name', before: 'GitHub', after: 'GitHub main' },
    { field: 'settings.header', before: 'X-A', after: 'X-B' },
  ]);
});

test('a create lists every field of after and a delete every field of before', () => {
  assert.deepEqual(changedFields(null, { name: 't', body: 'b' }), [
    { field: 'name', before: undefined, after: 't' },
    { field: 'body', before: undefined, after: 'b' },
  ]);
  assert.deepEqual(changedFields({ name: 't' }, null), [{ field: 'name', before: 't', after: undefined }]);
});

test('a field that appears or goes is a change, and an equal array is not', () => {
  assert.deepEqual(changedFields({ tags: ['a'], gone: 1 }, { tags: ['a'], added: 2 }), [
    { field: 'gone', before: 1, after: undefined },
    { field: 'added', before: undefined, after: 2 },
  ]);
});

test('values read as one line of text', () => {
  assert.equal(formatValue(null), '—');
  assert.equal(formatValue(undefined), '—');
  assert.equal(formatValue('<b>text</b>'), '<b>text</b>');
  assert.equal(formatValue(false), 'false');
  assert.equal(formatValue(['a', 1]), '["a",1]');
});

test('an entry is described by its action, the kind of resource, its name and id', () => {
  assert.equal(
    describe({ action: 'updated', resourceType: 'source', resourceId: '3', resourceName: 'GitHub' }),
    'updated source “GitHub” (#3)',
  );
  assert.equal(describe({ action: 'secret_rotated', resourceType: 'subscription', resourceId: '7' }), 'secret rotated subscription (#7)');
  assert.equal(
    describe({ action: 'retried', resourceType: 'notification', resourceId: null, resourceName: '4 failed notifications' }),
    'retried notification “4 failed notifications”',
  );
  assert.equal(describe({ action: 'created', resourceType: 'api_key', resourceId: '1', resourceName: 'shop' }), 'created API key “shop” (#1)');
});
