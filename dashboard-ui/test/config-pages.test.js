import { test } from 'node:test';
import assert from 'node:assert/strict';

import { channelBody, channelFields, channelValues, destination } from '../channels-page.js';
import { dryRunSummary, nameOf, ruleBody, ruleSummary } from '../rules-page.js';
import { eventLabel, previewRequest } from '../templates-page.js';
import { formValues } from '../crud.js';
import { channelsPage } from '../channels-page.js';

test('each channel type shows only its own settings and secret', () => {
  assert.deepEqual(channelFields('email'), ['config.from', 'config.replyTo']);
  assert.deepEqual(channelFields('slack'), ['secret']);
  assert.deepEqual(channelFields('telegram'), ['config.baseUrl', 'secret']);
  assert.deepEqual(channelFields('sms'), ['config.accountSid', 'config.from', 'config.baseUrl', 'secret']);
  assert.deepEqual(channelFields('webhook'), ['config.url', 'config.headers', 'secret']);
  assert.deepEqual(channelFields('fax'), []);
});

test('a channel body puts settings under config and sends a secret only when one was typed', () => {
  assert.deepEqual(
    channelBody({ name: 'Hook', type: 'webhook', 'config.url': 'https://x.example/h', 'config.headers': null, secret: null, active: true }),
    { name: 'Hook', type: 'webhook', config: { url: 'https://x.example/h' }, active: true },
  );
  const edited = channelBody({ name: 'Bot', 'config.baseUrl': null, secret: '123:abc', active: false });
  assert.deepEqual(edited, { name: 'Bot', config: {}, secret: '123:abc', active: false });
  assert.equal('type' in edited, false, 'the type is fixed once created, so an edit does not send it');
});

test('a stored channel fills the form without its secret, and the form sends back what it showed', () => {
  const stored = { id: 4, name: 'Hook', type: 'webhook', config: { url: 'https://x.example/h', headers: { 'X-Token': '********' } }, hasSecret: true, active: true };
  const values = channelValues(stored);
  assert.equal('secret' in values, false);
  assert.deepEqual(values['config.headers'], { 'X-Token': '********' });
  const typed = { ...values, 'config.headers': JSON.stringify(values['config.headers']), secret: '', 'config.from': 'stale@example.com' };
  const body = channelBody(formValues(channelsPage.fields, (n) => typed[n], true));
  assert.deepEqual(body, { name: 'Hook', config: { url: 'https://x.example/h', headers: { 'X-Token': '********' } }, active: true });
});

test('a card says where a channel sends', () => {
  assert.equal(destination({ type: 'email', config: { from: 'a@example.com' } }), 'from a@example.com');
  assert.equal(destination({ type: 'webhook', config: { url: 'https://x.example' } }), 'https://x.example');
  assert.equal(destination({ type: 'telegram', config: {} }), 'Telegram Bot API');
});

test('a rule body takes ids from the pickers as numbers and no recipients as an empty list', () => {
  const body = ruleBody({ name: 'r', channelId: '3', templateId: null, sourceId: '7', eventSourceId: null, recipientGroupId: '2', recipients: null, conditions: { all: [] }, active: true });
  assert.deepEqual(body, { name: 'r', channelId: 3, templateId: null, sourceId: 7, eventSourceId: null, recipientGroupId: 2, recipients: [], audience: null, conditions: { all: [] }, active: true });
  assert.equal(ruleBody({ name: 'r', channelId: '5', audience: 'role:operator' }).audience, 'role:operator');
});

test('a rule card names what it refers to', () => {
  const refs = { sources: [{ id: 7, name: 'GitHub' }], channels: [{ id: 3, name: 'Ops mail' }], templates: [], groups: [{ id: 2, name: 'On call' }] };
  const rule = { name: 'r', sourceId: 7, eventSourceId: null, eventTypePattern: 'push, workflow_*', minSeverity: 'error', conditions: null, channelId: 3, templateId: 9, recipients: ['a@example.com'], recipientField: null, recipientGroupId: 2, active: true };
  const summary = Object.fromEntries(ruleSummary(rule, refs));
  assert.equal(summary.Events, 'push, workflow_* · webhooks from GitHub');
  assert.equal(summary.Channel, 'Ops mail');
  assert.equal(summary.Template, '#9', 'an id not listed shows as an id');
  assert.equal(summary.Recipients, 'a@example.com, group On call');
  assert.equal(Object.fromEntries(ruleSummary({ ...rule, recipients: [], recipientGroupId: null, audience: 'role:operator' }, refs)).Recipients, 'users: operators');
  assert.equal(summary.Severity, 'error and above');
  assert.equal(nameOf([], null), null);
});

test('a dry-run says how many recent events would notify', () => {
  assert.equal(dryRunSummary({ evaluated: 20, matches: [{}, {}] }), '2 of the 20 most recent events would notify:');
  assert.equal(dryRunSummary({ evaluated: 5, matches: [] }), '0 of the 5 most recent events would notify.');
  assert.equal(dryRunSummary({ evaluated: 0, matches: [] }), 'No stored events to try the rule on yet.');
});

test('the preview asks only once there is a body and an event', () => {
  const body = { name: 'n', channelType: 'slack', subject: null, body: 'Hi {{payload.ref}}' };
  assert.deepEqual(previewRequest(body, '12'), { eventId: 12, channelType: 'slack', subject: null, body: 'Hi {{payload.ref}}' });
  assert.equal(previewRequest({ ...body, body: '  ' }, '12'), null);
  assert.equal(previewRequest({ ...body, body: null }, '12'), null);
  assert.equal(previewRequest(body, ''), null);
  assert.equal(previewRequest({ ...body, channelType: null }, '12'), null);
  assert.equal(eventLabel({ id: 12, source: 'github', eventType: 'push' }), '#12 github · push');
});
