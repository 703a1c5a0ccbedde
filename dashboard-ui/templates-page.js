// The Templates page: the text of notifications, per channel type, with {{variables}} from the event
// (docs/templates-and-rules.md). While an admin types, the form previews the unsaved text against a recent stored
// event (POST api/notification-templates/preview); every role can preview a saved template from its card. What
// comes back is shown as text, never as markup: an email body's HTML is shown as its source.

import { FormError, cardResult, resourcePage } from './crud.js';
import { CHANNEL_TYPES } from './channels-page.js';
import { debounce, h, setText } from './dom.js';

/** How long typing pauses before the preview is asked for. */
export const PREVIEW_DELAY_MS = 400;

/** The preview request for a template body and an event, or null while there is nothing to preview. */
export function previewRequest(body, eventId) {
  if (!body || eventId === null || eventId === undefined || eventId === '' || !body.channelType || !body.body || !body.body.trim()) return null;
  return { eventId: Number(eventId), channelType: body.channelType, subject: body.subject ?? null, body: body.body };
}

/** How a recent event reads in the preview's picker: "#12 github · push". */
export function eventLabel(event) {
  return `#${event.id} ${event.source}${event.eventType ? ` · ${event.eventType}` : ''}`;
}

/** A rendered message ({subject, body, missing}) as elements, all of it text. */
export function messageView(message) {
  const missing = message.missing || [];
  return h(
    'div',
    { class: 'message-view' },
    message.subject ? h('p', { class: 'message-subject' }, h('strong', {}, 'Subject: '), message.subject) : null,
    h('pre', { class: 'message-body' }, message.body ?? ''),
    missing.length ? h('p', { class: 'hint' }, `Not in this event (render empty): ${missing.join(', ')}`) : null,
  );
}

/** The recent events to preview against, newest first. */
async function recentEvents(context) {
  const page = await context.api.request('GET', 'api/events?limit=20');
  return { events: (page && page.items) || [] };
}

function preview(form, { body, context, refs }) {
  const events = refs.events || [];
  const picker = h(
    'select',
    { id: 'templates-preview-event', name: 'previewEvent' },
    ...events.map((event) => h('option', { value: event.id }, eventLabel(event))),
  );
  const status = h('p', { class: 'hint', role: 'status' });
  const output = h('div', { class: 'template-preview-output', 'aria-live': 'polite', 'data-preview': '' });
  let asked = 0;
  const run = debounce(async () => {
    if (!form.isConnected) return;
    let request;
    try {
      request = previewRequest(body(), picker.value);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      request = null;
    }
    if (!request) {
      setText(status, events.length ? 'Type a body to see it rendered.' : 'No stored event to preview against yet.');
      output.replaceChildren();
      return;
    }
    const mine = ++asked;
    setText(status, 'Rendering…');
    try {
      const rendered = await context.api.request('POST', 'api/notification-templates/preview', request);
      if (mine !== asked) return; // a later keystroke's answer is the one to show
      setText(status, `Rendered against event ${eventLabel(events.find((e) => String(e.id) === picker.value) || { id: request.eventId, source: '' })}.`);
      output.replaceChildren(messageView(rendered));
    } catch (error) {
      if (mine !== asked) return;
      setText(status, error.message);
      output.replaceChildren();
    }
  }, PREVIEW_DELAY_MS);
  form.addEventListener('input', (event) => {
    if (event.target !== picker) run();
  });
  form.addEventListener('change', run);
  run();
  return h(
    'section',
    { class: 'template-preview', 'aria-label': 'Preview' },
    h('h4', {}, 'Preview'),
    h('div', { class: 'form-field' }, h('label', { for: picker.id }, 'Event'), picker),
    status,
    output,
  );
}

function previewButton(template, context, refs) {
  return h(
    'button',
    {
      type: 'button',
      'data-preview-saved': '',
      onclick: async (event) => {
        const newest = (refs.events || [])[0];
        const shown = cardResult(event.target);
        if (!newest) {
          setText(shown, 'No stored event to preview against yet.');
          return;
        }
        try {
          const rendered = await context.api.request('POST', `api/notification-templates/${encodeURIComponent(template.id)}/preview`, { eventId: newest.id });
          shown.replaceChildren(h('p', { class: 'hint' }, `Against the newest event, ${eventLabel(newest)}:`), messageView(rendered));
        } catch (error) {
          setText(shown, error.message);
        }
      },
    },
    'Preview',
  );
}

export const templatesPage = resourcePage({
  name: 'templates',
  title: 'Templates',
  singular: 'template',
  path: 'api/notification-templates',
  label: (template) => template.name,
  summary: (template) => [
    ['Channel type', template.channelType],
    ['Subject', template.subject || '—'],
    ['Body', template.body.length > 120 ? `${template.body.slice(0, 120)}…` : template.body],
  ],
  lookups: recentEvents,
  actions: (template, context, reload, refs) => [previewButton(template, context, refs)],
  formExtras: preview,
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'channelType', label: 'Channel type', type: 'select', options: CHANNEL_TYPES, required: true, default: 'email',
      help: 'Email bodies are HTML (values are escaped); the others are plain text.' },
    { name: 'subject', label: 'Subject', help: 'Optional: {{alert.severity}} {{alert.title}}' },
    { name: 'body', label: 'Body', type: 'textarea', rows: 8, required: true,
      help: 'Variables: {{alert.title}}, {{event.type}}, {{payload.any.path}} (or just {{any.path}}).' },
  ],
});
