// One page shape for every configuration resource (sources, channels, rules, users, …): a list of
// cards (no wide tables, so it reads on a phone), a form built from a field spec for create and
// edit, and delete with a confirmation naming what goes. Secrets are write-only: their input starts
// empty, an empty one on edit keeps the stored secret, and nothing the server returns is put back in.
//
// resourcePage(spec) returns a console page (console.js). spec:
//   name, title, roles?, path ('api/sources'),
//   label(item) → the card's heading, summary(item) → [[term, text], …],
//   fields: [{ name, label, type: text|textarea|select|password|number|checkbox|json|list,
//              options?: [[value, text]], required?, secret?, createOnly?, help?, rows? }],
//   editors?: roles that may change (default ['admin']),
//   toBody?(values, item) → the JSON to send (default: the values), fromItem?(item) → form values,
//   actions?(item, context, reload) → extra buttons for a card,
//   defaults?: the values a new item's form starts with (e.g. { active: true }),
//   created?(answer, context) → after a create, with the server's answer (e.g. to show a generated secret once).

import { h, setText } from './dom.js';

/** The form's values as the API takes them; secrets left empty on edit are left out (kept). */
export function formValues(fields, read, editing) {
  const values = {};
  for (const field of fields) {
    if (editing && field.createOnly) continue;
    const raw = read(field.name);
    if (field.type === 'checkbox') {
      values[field.name] = raw === true;
      continue;
    }
    const text = raw === null || raw === undefined ? '' : String(raw);
    if (field.secret && editing && text === '') continue;
    if (text.trim() === '') {
      values[field.name] = null;
    } else if (field.type === 'number') {
      values[field.name] = Number(text);
    } else if (field.type === 'list') {
      values[field.name] = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    } else if (field.type === 'json') {
      try {
        values[field.name] = JSON.parse(text);
      } catch {
        throw new FormError({ [field.name]: 'is not valid JSON' });
      }
    } else {
      values[field.name] = field.type === 'password' || field.type === 'textarea' ? text : text.trim();
    }
  }
  return values;
}

/** A form the page refused before sending: field name → message. */
export class FormError extends Error {
  constructor(fields) {
    super('Check the highlighted fields.');
    this.fields = fields;
  }
}

/** Field name → message from a problem's errors[] ("config.url" counts for "config"). */
export function problemFields(problem, fields) {
  const out = {};
  const names = fields.map((f) => f.name);
  for (const error of (problem && problem.errors) || []) {
    const top = String(error.field || '').split(/[.[]/)[0];
    const name = names.includes(error.field) ? error.field : names.includes(top) ? top : null;
    if (name) out[name] = out[name] ? `${out[name]}; ${error.message}` : `${error.field === name ? '' : `${error.field}: `}${error.message}`;
  }
  return out;
}

/** The text an input starts with for a stored value (never a secret). */
export function inputText(field, value) {
  if (field.secret || value === null || value === undefined) return '';
  if (field.type === 'json') return JSON.stringify(value, null, 2);
  if (field.type === 'list') return Array.isArray(value) ? value.join('\n') : String(value);
  return String(value);
}

function control(field, id) {
  const common = { id, name: field.name, 'aria-describedby': `${id}-help ${id}-error` };
  switch (field.type) {
    case 'textarea':
    case 'json':
    case 'list':
      return h('textarea', { ...common, rows: field.rows || (field.type === 'json' ? 8 : 3), spellcheck: 'false' });
    case 'select':
      return h('select', common, ...(field.options || []).map(([value, text]) => h('option', { value }, text)));
    case 'checkbox':
      return h('input', { ...common, type: 'checkbox' });
    case 'password':
      return h('input', { ...common, type: 'password', autocomplete: 'new-password', maxlength: 1024 });
    case 'number':
      return h('input', { ...common, type: 'number', inputmode: 'numeric' });
    default:
      return h('input', { ...common, type: 'text', maxlength: 2000, spellcheck: 'false', autocomplete: 'off' });
  }
}

export function resourcePage(spec) {
  const editors = spec.editors || ['admin'];
  let element;
  let context;
  let list;
  let status;
  let dialog;
  let items = [];

  const canEdit = () => editors.includes(context.role());

  async function reload() {
    element.setAttribute('aria-busy', 'true');
    try {
      const page = await context.api.request('GET', spec.path);
      items = Array.isArray(page) ? page : (page && page.items) || [];
      render();
      setText(status, items.length ? '' : `No ${spec.title.toLowerCase()} yet.`);
    } catch (error) {
      setText(status, error.message);
    } finally {
      element.removeAttribute('aria-busy');
    }
  }

  function render() {
    list.replaceChildren(
      ...items.map((item) => {
        const buttons = [];
        if (canEdit()) {
          buttons.push(h('button', { type: 'button', onclick: () => openForm(item) }, 'Edit'));
          buttons.push(h('button', { type: 'button', class: 'danger', onclick: () => remove(item) }, 'Delete'));
        }
        if (spec.actions) buttons.push(...spec.actions(item, context, reload));
        return h(
          'li',
          { class: 'resource-card', 'data-id': item.id },
          h('h3', {}, spec.label(item)),
          h('dl', {}, ...(spec.summary ? spec.summary(item) : []).flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text ?? '—')])),
          buttons.length ? h('div', { class: 'resource-actions' }, ...buttons) : null,
        );
      }),
    );
  }

  async function remove(item) {
    if (!window.confirm(`Delete ${spec.label(item)}? This cannot be undone.`)) return;
    try {
      await context.api.request('DELETE', `${spec.path}/${encodeURIComponent(item.id)}`);
      await reload();
    } catch (error) {
      setText(status, error.message);
    }
  }

  function openForm(item = null) {
    const editing = item !== null;
    const values = editing ? (spec.fromItem ? spec.fromItem(item) : item) : { ...spec.defaults };
    const form = h('form', { class: 'resource-form', novalidate: true });
    const inputs = {};
    for (const field of spec.fields) {
      if (editing && field.createOnly) continue;
      const id = `${spec.name}-${field.name}`;
      const input = control(field, id);
      if (field.required && !(field.secret && editing)) input.setAttribute('required', '');
      if (field.type === 'checkbox') input.checked = values[field.name] === true;
      else input.value = inputText(field, values[field.name]);
      inputs[field.name] = input;
      const help = field.secret && editing ? 'Write-only: leave empty to keep the stored value.' : field.help || '';
      form.append(
        h(
          'div',
          { class: `form-field form-${field.type || 'text'}` },
          h('label', { for: id }, field.label),
          input,
          h('p', { class: 'hint', id: `${id}-help` }, help),
          h('p', { class: 'error-text', id: `${id}-error` }),
        ),
      );
    }
    const message = h('p', { class: 'error-text', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save' : 'Create');
    form.append(message, h('div', { class: 'resource-actions' }, save, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const field of spec.fields) setText(form.querySelector(`#${spec.name}-${field.name}-error`) || h('p'), '');
      setText(message, '');
      save.disabled = true;
      try {
        const read = (name) => (inputs[name].type === 'checkbox' ? inputs[name].checked : inputs[name].value);
        const body = formValues(spec.fields, read, editing);
        const sent = spec.toBody ? spec.toBody(body, item) : body;
        if (editing) await context.api.request('PUT', `${spec.path}/${encodeURIComponent(item.id)}`, sent);
        else {
          const answer = await context.api.request('POST', spec.path, sent);
          dialog.close();
          spec.created?.(answer, context);
        }
        if (dialog.open) dialog.close();
        await reload();
      } catch (error) {
        const fields = error instanceof FormError ? error.fields : problemFields(error.body, spec.fields);
        for (const [name, text] of Object.entries(fields)) {
          setText(form.querySelector(`#${spec.name}-${name}-error`), text);
          inputs[name]?.setAttribute('aria-invalid', 'true');
        }
        setText(message, error.message);
      } finally {
        save.disabled = false;
      }
    });
    dialog.replaceChildren(h('h3', {}, editing ? `Edit ${spec.label(item)}` : `New ${spec.singular || spec.title}`), form);
    dialog.showModal();
    form.querySelector('input, select, textarea')?.focus();
  }

  return {
    name: spec.name,
    title: spec.title,
    roles: spec.roles,
    mount(container, ctx) {
      element = container;
      context = ctx;
      const create = h('button', { type: 'button', class: 'primary', 'data-create': '', onclick: () => openForm() }, `New ${spec.singular || spec.title}`);
      status = h('p', { class: 'hint', role: 'status' });
      list = h('ul', { class: 'resource-list' });
      dialog = h('dialog', { class: 'resource-dialog', 'aria-label': spec.title });
      container.append(h('div', { class: 'resource-toolbar' }, create), status, list, dialog);
      create.hidden = !canEdit();
      this.create = create;
    },
    show() {
      this.create.hidden = !canEdit();
      reload();
    },
    hide() {
      if (dialog && dialog.open) dialog.close();
    },
  };
}
