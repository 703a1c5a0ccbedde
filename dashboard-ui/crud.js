// One page shape for every configuration resource (sources, channels, rules, users, …): a list of
// cards (no wide tables, so it reads on a phone), a form built from a field spec for create and
// edit, and delete with a confirmation naming what goes. Secrets are write-only: their input starts
// empty, an empty one on edit keeps the stored secret, and nothing the server returns is put back in.
//
// resourcePage(spec) returns a console page (console.js). spec:
//   name, title, roles?, path ('api/sources'),
//   label(item) → the card's heading, summary(item) → [[term, text], …],
//   fields: [{ name, label, type: text|textarea|select|password|number|checkbox|json|list|datetime|checks,
//              options?: [[value, text]] or (refs) → [[value, text]], required?, secret?, createOnly?, help?,
//              rows?, default? (a new form's value, or a function giving it), when?(values) → whether the field applies (hidden and not
//              sent otherwise; values are the form's raw values by field name) }],
//              label, help and required may also be functions of those values (they follow the form as it changes).
//   editors?: roles that may change (default ['admin']),
//   toBody?(values, item) → the JSON to send (default: the values), fromItem?(item) → form values,
//   actions?(item, context, reload, refs) → extra buttons for a card,
//   lookups?(context) (or lookup?) → a promise of what pickers and summaries need (names of other resources),
//              loaded on every visit and passed as refs: label(item, refs), summary(item, refs), options(refs),
//   filters?: [{ name, label, options: [[value, text]] }] → selects that add ?name=value to the list's path,
//   editable?(item) (default true), removable?(item) (default true; remove: false for none), removeLabel?,
//   afterCreate?(created, dialog) → true to keep the dialog open with what it put there (a key shown once),
//   formExtras?(form, { body(), editing, item, context, refs }) → an element shown under the fields (a preview,
//              a dry-run); body() is what Save would send, or throws a FormError.
//   defaults?: the values a new item's form starts with (e.g. { active: true }),
//   created?(answer, context) → after a create, with the server's answer (e.g. to show a generated secret once).

import { h, setText } from './dom.js';

/** The form's values as the API takes them; secrets left empty on edit are left out (kept). */
export function formValues(fields, read, editing) {
  const values = {};
  const all = rawValues(fields, read);
  for (const field of fields) {
    if (editing && field.createOnly) continue;
    if (!applies(field, all)) continue;
    const raw = all[field.name];
    if (field.type === 'checkbox') {
      values[field.name] = raw === true;
      continue;
    }
    if (field.type === 'checks') {
      values[field.name] = Array.isArray(raw) && raw.length > 0 ? [...raw] : null;
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
    } else if (field.type === 'datetime') {
      const date = new Date(text.trim());
      if (Number.isNaN(date.getTime())) throw new FormError({ [field.name]: 'is not a date and time' });
      values[field.name] = date.toISOString();
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

/** Every field's raw value by name, as read from the form (what when(), label() and help() see). */
export function rawValues(fields, read) {
  const raw = {};
  for (const field of fields) raw[field.name] = read(field.name);
  return raw;
}

/** Whether a field applies to the form's current values (a field without when() always does). */
export function applies(field, raw) {
  return !field.when || field.when(raw) === true;
}

/** A field's label, help or required flag: the value, or what its function says for these values. */
export function resolve(value, raw) {
  return typeof value === 'function' ? value(raw) : value;
}

/** A DOM id for a field: names may hold dots ("config.url") that selectors would misread. */
export function fieldId(page, name) {
  return `${page}-${String(name).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Field name → message from a problem's errors[]: the field itself or the longest field its path starts with
 * ("config.url" counts for a field "config.url", else "config"; "config.headers.X-Token" for "config.headers").
 */
export function problemFields(problem, fields) {
  const out = {};
  const names = fields.map((f) => f.name);
  for (const error of (problem && problem.errors) || []) {
    const path = String(error.field || '');
    const parts = path.split(/(?=[.[])/);
    let name = null;
    for (let n = parts.length; n > 0 && !name; n--) {
      const prefix = parts.slice(0, n).join('');
      if (names.includes(prefix)) name = prefix;
    }
    if (name) out[name] = out[name] ? `${out[name]}; ${error.message}` : `${error.field === name ? '' : `${error.field}: `}${error.message}`;
  }
  return out;
}

/** The text an input starts with for a stored value (never a secret). */
export function inputText(field, value) {
  if (field.secret || value === null || value === undefined) return '';
  if (field.type === 'json') return JSON.stringify(value, null, 2);
  if (field.type === 'list') return Array.isArray(value) ? value.join('\n') : String(value);
  if (field.type === 'datetime') return localDateTime(value);
  return String(value);
}

/** An instant as a datetime-local input's text in this browser's zone ("2026-12-03T14:05"); '' if unreadable. */
export function localDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A list path with the filters' chosen values as its query: ('api/silences', {state: 'expired'}) → 'api/silences?state=expired'. */
export function filteredPath(path, chosen) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(chosen || {})) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function control(field, id, refs) {
  const common = { id, name: field.name, 'aria-describedby': `${id}-help ${id}-error` };
  switch (field.type) {
    case 'textarea':
    case 'json':
    case 'list':
      return h('textarea', { ...common, rows: field.rows || (field.type === 'json' ? 8 : 3), spellcheck: 'false' });
    case 'select':
      return h('select', common, ...(resolve(field.options, refs) || []).map(([value, text]) => h('option', { value }, text)));
    case 'checks':
      return h(
        'fieldset',
        { ...common, class: 'form-checks' },
        h('legend', { class: 'visually-hidden' }, resolve(field.label, {})),
        ...(resolve(field.options, refs) || []).map(([value, text]) => h('label', {}, h('input', { type: 'checkbox', value }), ` ${text}`)),
      );
    case 'datetime':
      return h('input', { ...common, type: 'datetime-local' });
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

/** The result area of the card holding an element (an action's answer, shown under its buttons), made on first use. */
export function cardResult(element) {
  const card = element.closest('li');
  let shown = card.querySelector('.card-result');
  if (!shown) {
    shown = h('div', { class: 'card-result', role: 'status' });
    card.append(shown);
  }
  return shown;
}

/** A new form's values: each field's default, if it has one. */
export function defaults(fields) {
  const values = {};
  for (const field of fields) {
    if (field.default !== undefined) values[field.name] = typeof field.default === 'function' ? field.default() : field.default;
  }
  return values;
}

export function resourcePage(spec) {
  const editors = spec.editors || ['admin'];
  let element;
  let context;
  let list;
  let status;
  let dialog;
  let items = [];
  let refs = {};
  const chosen = {};
  const lookups = spec.lookups || spec.lookup;

  const canEdit = () => editors.includes(context.role());
  const editable = (item) => !spec.editable || spec.editable(item);
  const removable = (item) => spec.remove !== false && (!spec.removable || spec.removable(item));

  async function reload() {
    element.setAttribute('aria-busy', 'true');
    try {
      const [page, looked] = await Promise.all([
        context.api.request('GET', filteredPath(spec.path, chosen)),
        lookups ? lookups(context) : Promise.resolve({}),
      ]);
      items = Array.isArray(page) ? page : (page && page.items) || [];
      refs = looked || {};
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
          if (editable(item)) buttons.push(h('button', { type: 'button', 'data-edit': '', onclick: () => openForm(item) }, 'Edit'));
          if (removable(item)) {
            buttons.push(h('button', { type: 'button', class: 'danger', 'data-remove': '', onclick: () => remove(item) }, spec.removeLabel || 'Delete'));
          }
        }
        if (spec.actions) buttons.push(...spec.actions(item, context, reload, refs));
        return h(
          'li',
          { class: 'resource-card', 'data-id': item.id },
          h('h3', {}, spec.label(item, refs)),
          h('dl', {}, ...(spec.summary ? spec.summary(item, refs) : []).flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text ?? '—')])),
          buttons.length ? h('div', { class: 'resource-actions' }, ...buttons) : null,
        );
      }),
    );
  }

  async function remove(item) {
    const verb = spec.removeLabel || 'Delete';
    if (!window.confirm(`${verb} ${spec.label(item, refs)}? This cannot be undone.`)) return;
    try {
      await context.api.request('DELETE', `${spec.path}/${encodeURIComponent(item.id)}`);
      await reload();
    } catch (error) {
      setText(status, error.message);
    }
  }

  function openForm(item = null) {
    const editing = item !== null;
    const values = editing ? (spec.fromItem ? spec.fromItem(item) : item) : { ...defaults(spec.fields), ...spec.defaults };
    const form = h('form', { class: 'resource-form', novalidate: true });
    const inputs = {};
    const parts = {};
    // a create-only field has no input on edit: its stored value still decides which fields apply
    const read = (name) => {
      const input = inputs[name];
      if (!input) return values[name];
      if (input.tagName === 'FIELDSET') return [...input.querySelectorAll('input:checked')].map((box) => box.value);
      return input.type === 'checkbox' ? input.checked : input.value;
    };
    for (const field of spec.fields) {
      if (editing && field.createOnly) continue;
      const id = fieldId(spec.name, field.name);
      const input = control(field, id, refs);
      const value = values[field.name];
      if (field.type === 'checkbox') input.checked = value === true;
      else if (field.type === 'checks') {
        for (const box of input.querySelectorAll('input')) box.checked = Array.isArray(value) && value.includes(box.value);
      } else {
        const text = inputText(field, value);
        // a stored value the options do not name (say a deleted source) stays choosable
        if (field.type === 'select' && text !== '' && ![...input.options].some((o) => o.value === text)) {
          input.append(h('option', { value: text }, text));
        }
        input.value = text;
      }
      inputs[field.name] = input;
      const label = h('label', { for: id });
      const help = h('p', { class: 'hint', id: `${id}-help` });
      const wrapper = h(
        'div',
        { class: `form-field form-${field.type || 'text'}`, 'data-field': field.name },
        label,
        input,
        help,
        h('p', { class: 'error-text', id: `${id}-error` }),
      );
      parts[field.name] = { wrapper, label, help };
      form.append(wrapper);
    }
    // labels, hints, required marks and which fields show follow the values (a channel's type, say)
    const follow = () => {
      const raw = rawValues(spec.fields, read);
      for (const field of spec.fields) {
        const part = parts[field.name];
        if (!part) continue;
        const shown = applies(field, raw);
        part.wrapper.hidden = !shown;
        setText(part.label, resolve(field.label, raw));
        const keep = field.secret && editing;
        setText(part.help, keep ? 'Write-only: leave empty to keep the stored value.' : resolve(field.help, raw) || '');
        if (shown && resolve(field.required, raw) && !keep) inputs[field.name].setAttribute('required', '');
        else inputs[field.name].removeAttribute('required');
      }
    };
    follow();
    form.addEventListener('change', follow);
    form.addEventListener('input', follow);
    const body = () => {
      const sent = formValues(spec.fields, read, editing);
      return spec.toBody ? spec.toBody(sent, item) : sent;
    };
    const message = h('p', { class: 'error-text', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save' : 'Create');
    if (spec.formExtras) form.append(spec.formExtras(form, { body, editing, item, context, refs }));
    form.append(message, h('div', { class: 'resource-actions' }, save, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const field of spec.fields) {
        const error = form.querySelector(`#${fieldId(spec.name, field.name)}-error`);
        if (error) setText(error, '');
        inputs[field.name]?.removeAttribute('aria-invalid');
      }
      setText(message, '');
      save.disabled = true;
      try {
        const sent = body();
        if (editing) await context.api.request('PUT', `${spec.path}/${encodeURIComponent(item.id)}`, sent);
        else {
          const answer = await context.api.request('POST', spec.path, sent);
          const kept = spec.afterCreate ? spec.afterCreate(answer, dialog) === true : false;
          if (!kept) dialog.close();
          spec.created?.(answer, context);
        }
        if (editing && dialog.open) dialog.close();
        await reload();
      } catch (error) {
        const fields = error instanceof FormError ? error.fields : problemFields(error.body, spec.fields);
        for (const [name, text] of Object.entries(fields)) {
          const shown = form.querySelector(`#${fieldId(spec.name, name)}-error`);
          if (shown) setText(shown, text);
          inputs[name]?.setAttribute('aria-invalid', 'true');
        }
        setText(message, error.message);
      } finally {
        save.disabled = false;
      }
    });
    dialog.replaceChildren(h('h3', {}, editing ? `Edit ${spec.label(item, refs)}` : `New ${spec.singular || spec.title}`), form);
    dialog.showModal();
    form.querySelector('input, select, textarea')?.focus();
  }

  return {
    name: spec.name,
    title: spec.title,
    roles: spec.roles,
    fields: spec.fields,
    mount(container, ctx) {
      element = container;
      context = ctx;
      const create = h('button', { type: 'button', class: 'primary', 'data-create': '', onclick: () => openForm() }, `New ${spec.singular || spec.title}`);
      const filters = (spec.filters || []).map((filter) => {
        const id = `${spec.name}-filter-${filter.name}`;
        const select = h('select', { id, 'data-filter': filter.name }, ...filter.options.map(([value, text]) => h('option', { value }, text)));
        chosen[filter.name] = select.value;
        select.addEventListener('change', () => {
          chosen[filter.name] = select.value;
          reload();
        });
        return h('label', { class: 'resource-filter', for: id }, `${filter.label} `, select);
      });
      status = h('p', { class: 'hint', role: 'status' });
      list = h('ul', { class: 'resource-list' });
      dialog = h('dialog', { class: 'resource-dialog', 'aria-label': spec.title });
      // what a dialog showed (a key shown once) leaves the page with it
      dialog.addEventListener('close', () => dialog.replaceChildren());
      container.append(h('div', { class: 'resource-toolbar' }, ...filters, create), status, list, dialog);
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
