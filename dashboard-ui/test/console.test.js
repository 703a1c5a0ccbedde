import { test } from 'node:test';
import assert from 'node:assert/strict';

import { allowed, pageOf } from '../console.js';
import { FormError, filteredPath, formValues, inputText, localDateTime, problemFields } from '../crud.js';

test('the hash names a registered page, drawers below it keep the page, anything else is home', () => {
  const names = ['users', 'events'];
  assert.equal(pageOf('#/users', names), 'users');
  assert.equal(pageOf('#/events/12', names), 'events');
  assert.equal(pageOf('#/notifications/3', names), null);
  assert.equal(pageOf('#/', names), null);
  assert.equal(pageOf('', names), null);
  assert.equal(pageOf('#/Users', names), null);
  assert.equal(pageOf('#/users-x', names), null);
});

test('a page with roles opens only for them', () => {
  assert.equal(allowed({ roles: ['admin'] }, 'admin'), true);
  assert.equal(allowed({ roles: ['admin'] }, 'viewer'), false);
  assert.equal(allowed({}, 'viewer'), true);
});

const FIELDS = [
  { name: 'name' },
  { name: 'slug', createOnly: true },
  { name: 'secret', type: 'password', secret: true },
  { name: 'limit', type: 'number' },
  { name: 'tags', type: 'list' },
  { name: 'config', type: 'json' },
  { name: 'active', type: 'checkbox' },
];

test('form values: trimmed text, numbers, lists, JSON, booleans, empty as null', () => {
  const input = { name: '  GitHub ', slug: 'gh', secret: 's3cret', limit: '5', tags: 'a, b\nc', config: '{"x":1}', active: true };
  assert.deepEqual(formValues(FIELDS, (n) => input[n], false), {
    name: 'GitHub',
    slug: 'gh',
    secret: 's3cret',
    limit: 5,
    tags: ['a', 'b', 'c'],
    config: { x: 1 },
    active: true,
  });
  assert.equal(formValues(FIELDS, (n) => (n === 'name' ? '  ' : input[n]), false).name, null);
});

test('on edit an empty secret is left out (kept) and create-only fields are not sent', () => {
  const input = { name: 'GitHub', slug: 'other', secret: '', limit: '', tags: '', config: '', active: false };
  const values = formValues(FIELDS, (n) => input[n], true);
  assert.equal('secret' in values, false);
  assert.equal('slug' in values, false);
  assert.equal(values.active, false);
  assert.equal(values.limit, null);
});

test('bad JSON is refused on the page, naming its field', () => {
  assert.throws(
    () => formValues([{ name: 'config', type: 'json' }], () => '{nope', false),
    (error) => error instanceof FormError && error.fields.config === 'is not valid JSON',
  );
});

test('problem field errors land on their field, nested ones on the top field', () => {
  const problem = {
    errors: [
      { field: 'name', message: 'must not be blank' },
      { field: 'config.url', message: 'must be https' },
      { field: 'unknown', message: 'ignored' },
    ],
  };
  assert.deepEqual(problemFields(problem, FIELDS), { name: 'must not be blank', config: 'config.url: must be https' });
  assert.deepEqual(problemFields(null, FIELDS), {});
});

test('a stored secret never comes back into an input; JSON and lists are shown editable', () => {
  assert.equal(inputText({ secret: true }, 'shh'), '');
  assert.equal(inputText({ type: 'json' }, { a: 1 }), '{\n  "a": 1\n}');
  assert.equal(inputText({ type: 'list' }, ['a', 'b']), 'a\nb');
  assert.equal(inputText({}, null), '');
});

test('a date and time typed in local time is sent as an instant, and an instant is shown in local time', () => {
  const field = { name: 'endsAt', type: 'datetime' };
  const sent = formValues([field], () => '2026-12-03T14:05', false).endsAt;
  assert.equal(sent, new Date(2026, 11, 3, 14, 5).toISOString());
  assert.equal(inputText(field, sent), '2026-12-03T14:05');
  assert.equal(localDateTime('not a date'), '');
  assert.equal(formValues([field], () => '', false).endsAt, null);
  assert.throws(
    () => formValues([field], () => 'tomorrow-ish', false),
    (error) => error instanceof FormError && error.fields.endsAt === 'is not a date and time',
  );
});

test('ticked choices are sent as a list, none ticked as null', () => {
  const field = { name: 'severities', type: 'checks' };
  assert.deepEqual(formValues([field], () => ['critical', 'error'], false).severities, ['critical', 'error']);
  assert.equal(formValues([field], () => [], false).severities, null);
});

test('filters become the list path query; an empty choice is left out', () => {
  assert.equal(filteredPath('api/silences', { state: 'expired' }), 'api/silences?state=expired');
  assert.equal(filteredPath('api/silences', { state: '' }), 'api/silences');
  assert.equal(filteredPath('api/sources', undefined), 'api/sources');
});
