// The Channels page: where notifications go (email, Slack, Telegram, SMS, webhook). The form shows only the
// settings of the chosen type (docs/channels.md); secrets (bot token, auth token, Slack webhook URL, signing secret)
// are write-only, and webhook header values come back masked, so sending them back keeps them.

import { resourcePage } from './crud.js';

/** The channel types in the order the form offers them. */
export const CHANNEL_TYPES = [
  ['email', 'Email'],
  ['slack', 'Slack'],
  ['telegram', 'Telegram'],
  ['sms', 'SMS (Twilio)'],
  ['webhook', 'Webhook'],
];

/** The form fields each type uses, besides name, type and active (ChannelRules on the server). */
const TYPE_FIELDS = {
  email: ['config.from', 'config.replyTo'],
  slack: ['secret'],
  telegram: ['config.baseUrl', 'secret'],
  sms: ['config.accountSid', 'config.from', 'config.baseUrl', 'secret'],
  webhook: ['config.url', 'config.headers', 'secret'],
};

/** What the secret is for each type, and whether a channel of that type needs one. */
const SECRETS = {
  slack: { label: 'Incoming-webhook URL', required: true, help: 'https://hooks.slack.com/services/…' },
  telegram: { label: 'Bot token', required: true, help: 'From @BotFather.' },
  sms: { label: 'Auth token', required: true, help: 'The Twilio account’s auth token.' },
  webhook: { label: 'Signing secret', required: false, help: 'Optional: whsec_ followed by base64; requests are then signed.' },
};

/** The type-specific fields a channel of this type shows (none for an unknown type). */
export function channelFields(type) {
  return TYPE_FIELDS[type] || [];
}

const forType = (name) => (values) => channelFields(values.type).includes(name);

/** The API body for the form's values: settings under config, the secret only when one was typed. */
export function channelBody(values) {
  const config = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('config.') && value !== null && value !== undefined) config[key.slice('config.'.length)] = value;
  }
  const body = { name: values.name, config, active: values.active === true };
  if (values.type !== undefined) body.type = values.type;
  if (values.secret !== null && values.secret !== undefined) body.secret = values.secret;
  return body;
}

/** The form's values for a stored channel (its config flattened; never a secret, which the API does not return). */
export function channelValues(channel) {
  const values = { name: channel.name, type: channel.type, active: channel.active };
  for (const [key, value] of Object.entries(channel.config || {})) values[`config.${key}`] = value;
  return values;
}

/** Where a channel sends, in a few words, for its card. */
export function destination(channel) {
  const config = channel.config || {};
  switch (channel.type) {
    case 'email':
      return `from ${config.from || '?'}`;
    case 'slack':
      return 'its incoming webhook';
    case 'telegram':
      return config.baseUrl || 'Telegram Bot API';
    case 'sms':
      return `from ${config.from || '?'} via ${config.baseUrl || 'Twilio'}`;
    case 'webhook':
      return config.url || '?';
    default:
      return channel.type;
  }
}

const typeName = (type) => (CHANNEL_TYPES.find(([value]) => value === type) || [type, type])[1];

export const channelsPage = resourcePage({
  name: 'channels',
  title: 'Channels',
  singular: 'channel',
  path: 'api/channels',
  label: (channel) => channel.name,
  summary: (channel) => [
    ['Type', typeName(channel.type)],
    ['Sends to', destination(channel)],
    ['Secret', channel.type === 'email' ? 'none (SMTP is set on the worker)' : channel.hasSecret ? 'stored (write-only)' : 'none'],
    ['State', channel.active ? 'active' : 'inactive'],
  ],
  fromItem: channelValues,
  toBody: channelBody,
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'type', label: 'Type', type: 'select', options: CHANNEL_TYPES, required: true, createOnly: true, default: 'email', help: 'Fixed once created.' },
    { name: 'config.from', label: (v) => (v.type === 'sms' ? 'From number' : 'From address'), required: true, when: forType('config.from'),
      help: (v) => (v.type === 'sms' ? 'A Twilio number in E.164 form, +15550001111.' : 'alerts@example.com or OpsCenter <alerts@example.com>.') },
    { name: 'config.replyTo', label: 'Reply-to address', when: forType('config.replyTo') },
    { name: 'config.accountSid', label: 'Account SID', required: true, when: forType('config.accountSid') },
    { name: 'config.baseUrl', label: 'API base URL', when: forType('config.baseUrl'), help: 'Leave empty for the provider’s own API.' },
    { name: 'config.url', label: 'URL', required: true, when: forType('config.url'), help: 'Where the JSON is posted (http or https).' },
    { name: 'config.headers', label: 'Extra headers (JSON object)', type: 'json', rows: 3, when: forType('config.headers'),
      help: 'Values are write-only: ******** keeps a stored value.' },
    { name: 'secret', label: (v) => (SECRETS[v.type] || { label: 'Secret' }).label, type: 'password', secret: true,
      required: (v) => (SECRETS[v.type] || {}).required === true, help: (v) => (SECRETS[v.type] || {}).help, when: forType('secret') },
    { name: 'active', label: 'Active', type: 'checkbox', default: true },
  ],
});
