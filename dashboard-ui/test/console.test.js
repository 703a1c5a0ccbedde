import { test } from 'node:test';
import assert from 'node:assert/strict';

import { axis, buckets, bySeverity, summary } from '../charts.js';
import { allowed, pageOf } from '../console.js';
import { FormError, applies, defaults, fieldId, filteredPath, formValues, inputText, localDateTime, problemFields, rawValues, resolve } from '../crud.js';
import { healthLabel, statLevel } from '../overview.js';

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


test('the chart axis is aligned buckets, and counts land in theirs with zeros between', () => {
  const from = Date.parse('2026-12-03T10:00:30Z');
  const to = Date.parse('2026-12-03T10:03:10Z');
  const times = axis(from, to, 60_000);
  assert.deepEqual(times.map((t) => new Date(t).toISOString().slice(11, 16)), ['10:00', '10:01', '10:02', '10:03']);
  const lines = buckets(
    [{ name: 'github', points: [{ at: '2026-12-03T10:01:00Z', count: 4 }, { at: '2026-12-03T09:00:00Z', count: 9 }] }],
    times,
    60_000,
  );
  assert.deepEqual(lines, [{ name: 'github', counts: [0, 4, 0, 0] }]);
});

test('severities stack most urgent first and the summary names totals', () => {
  const lines = bySeverity([{ name: 'info', counts: [1] }, { name: 'critical', counts: [2] }, { name: 'odd', counts: [0] }]);
  assert.deepEqual(lines.map((l) => l.name), ['critical', 'info', 'odd']);
  assert.equal(summary(lines, 'alerts'), '3 alerts in the last 24 hours: critical 2, info 1.');
  assert.equal(summary([{ name: 'x', counts: [0, 0] }], 'events'), 'No events in the last 24 hours.');
});

test('stat levels: any critical is red, failures yellow then red, slow processing yellow then red', () => {
  assert.equal(statLevel('criticalAlerts24h', 0), 'ok');
  assert.equal(statLevel('criticalAlerts24h', 1), 'bad');
  assert.equal(statLevel('failedEvents24h', 3), 'warn');
  assert.equal(statLevel('failedEvents24h', 10), 'bad');
  assert.equal(statLevel('avgProcessingMs', 999), 'ok');
  assert.equal(statLevel('avgProcessingMs', 1200), 'warn');
  assert.equal(statLevel('avgProcessingMs', 6000), 'bad');
  assert.equal(statLevel('webhooksToday', 5), null);
  assert.equal(statLevel('failedEvents24h', null), null);
  assert.equal(healthLabel('ok'), 'operational');
  assert.equal(healthLabel('weird'), 'unknown');
});

test('a field that does not apply to the form values is neither read into the body nor required', () => {
  const fields = [
    { name: 'type' },
    { name: 'config.url', when: (v) => v.type === 'webhook' },
    { name: 'config.from', when: (v) => v.type === 'email' },
  ];
  const input = { type: 'webhook', 'config.url': ' https://x.example/hook ', 'config.from': 'left over' };
  assert.deepEqual(formValues(fields, (n) => input[n], false), { type: 'webhook', 'config.url': 'https://x.example/hook' });
  assert.equal(applies(fields[2], rawValues(fields, (n) => input[n])), false);
  assert.equal(applies(fields[0], {}), true);
});

test('labels, hints and required marks may follow the values', () => {
  assert.equal(resolve((v) => (v.type === 'sms' ? 'From number' : 'From address'), { type: 'sms' }), 'From number');
  assert.equal(resolve('Name', { type: 'sms' }), 'Name');
  assert.equal(resolve(undefined, {}), undefined);
});

test('a new form starts from the fields’ defaults', () => {
  assert.deepEqual(defaults([{ name: 'active', default: true }, { name: 'name' }, { name: 'type', default: 'email' }]), { active: true, type: 'email' });
});

test('field ids hold no characters a selector would misread', () => {
  assert.equal(fieldId('channels', 'config.url'), 'channels-config-url');
  assert.equal(fieldId('users', 'role'), 'users-role');
});

test('a problem names the longest field its path starts with', () => {
  const fields = [{ name: 'config' }, { name: 'config.headers' }, { name: 'recipients' }, { name: 'name' }];
  const problem = {
    errors: [
      { field: 'config.headers.X-Token', message: 'no stored value to keep' },
      { field: 'config.url', message: 'required text' },
      { field: 'recipients[2]', message: 'non-blank' },
      { field: 'name', message: 'required' },
      { field: 'elsewhere', message: 'ignored' },
    ],
  };
  assert.deepEqual(problemFields(problem, fields), {
    'config.headers': 'config.headers.X-Token: no stored value to keep',
    config: 'config.url: required text',
    recipients: 'recipients[2]: non-blank',
    name: 'required',
  });
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
