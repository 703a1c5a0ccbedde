// Toasts: the live notices a rule on a console channel pushes to every open console (a `toast`
// message on the socket). A toast addressed to a role shows only on consoles signed in with that
// role. Realtime hands every message to every socket, so this page does the filtering: the role
// decides what is shown, not who may read it (the same alerts reach every console anyway).

import { h } from './dom.js';

/** Toasts shown at once; a new one pushes out the oldest. */
export const MAX_TOASTS = 3;
/** How long a toast stays, unless the pointer or the keyboard is on it. */
export const HIDE_AFTER_MS = 12_000;

const SEVERITIES = ['info', 'warning', 'error', 'critical'];

/** The toast in live data, with every field checked and as text; null when it is not one. */
export function readToast(data) {
  if (!data || typeof data !== 'object') return null;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  const text = typeof data.text === 'string' ? data.text.trim() : '';
  if (!title && !text) return null;
  return {
    title,
    text,
    severity: SEVERITIES.includes(data.severity) ? data.severity : null,
    alertId: Number.isSafeInteger(data.alertId) ? data.alertId : null,
    role: typeof data.role === 'string' && data.role ? data.role : null,
  };
}

/** Whether a console signed in with `role` shows the toast: one for every console, or for its role. */
export function isForRole(toast, role) {
  return toast.role === null || toast.role === role;
}

/**
 * ToastStack is which toasts are showing, without a DOM: at most `max`, each hidden after
 * `hideAfterMs` unless held (hovered or focused). `onAdd(entry)` and `onRemove(entry)` report changes.
 */
export class ToastStack {
  constructor({ max = MAX_TOASTS, hideAfterMs = HIDE_AFTER_MS, timers = globalThis, onAdd, onRemove } = {}) {
    this.max = max;
    this.hideAfterMs = hideAfterMs;
    this.timers = timers;
    this.onAdd = onAdd ?? (() => {});
    this.onRemove = onRemove ?? (() => {});
    this.entries = [];
    this.nextId = 1;
  }

  /** Shows a toast; returns its entry `{id, toast}`. */
  add(toast) {
    const entry = { id: this.nextId++, toast, timer: null };
    this.entries.push(entry);
    this.onAdd(entry);
    while (this.entries.length > this.max) this.dismiss(this.entries[0].id);
    this.release(entry.id);
    return entry;
  }

  /** Hides a toast now (its close button, Escape, its time running out, or a newer one). */
  dismiss(id) {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    this.timers.clearTimeout(entry.timer);
    this.onRemove(entry);
  }

  /** Keeps a toast while someone reads it: no time limit runs out under the pointer or the keyboard. */
  hold(id) {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) {
      this.timers.clearTimeout(entry.timer);
      entry.timer = null;
    }
  }

  /** Starts (again) the time after which a toast hides. */
  release(id) {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    this.timers.clearTimeout(entry.timer);
    entry.timer = this.timers.setTimeout(() => this.dismiss(id), this.hideAfterMs);
  }

  /** The toasts showing, oldest first. */
  get showing() {
    return this.entries.map((e) => e.toast);
  }
}

/**
 * ToastView shows the toasts of this console's role in a corner of the page. Every value is set as
 * text; each toast has role=status, a close button (reachable with Tab) and closes on Escape.
 */
export class ToastView {
  constructor(parent, { role, ...options }) {
    this.role = role;
    this.elements = new Map();
    this.container = h('div', { class: 'toasts', 'aria-label': 'Notices' });
    parent.append(this.container);
    this.stack = new ToastStack({
      ...options,
      onAdd: (entry) => this.render(entry),
      onRemove: (entry) => {
        this.elements.get(entry.id)?.remove();
        this.elements.delete(entry.id);
      },
    });
  }

  /** Shows the live data as a toast if it is one for this console; returns whether it did. */
  show(data) {
    const toast = readToast(data);
    if (!toast || !isForRole(toast, this.role())) return false;
    this.stack.add(toast);
    return true;
  }

  render({ id, toast }) {
    const hold = () => this.stack.hold(id);
    const release = () => this.stack.release(id);
    const el = h(
      'div',
      {
        class: `toast${toast.severity ? ` sev-${toast.severity}` : ''}`,
        role: 'status',
        'data-toast': id,
        onmouseenter: hold,
        onmouseleave: release,
        onfocusin: hold,
        onfocusout: release,
        onkeydown: (event) => {
          if (event.key === 'Escape') this.stack.dismiss(id);
        },
      },
      h(
        'div',
        { class: 'toast-body' },
        toast.title ? h('strong', { class: 'toast-title' }, toast.title) : null,
        toast.text ? h('p', { class: 'toast-text' }, toast.text) : null,
      ),
      h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notice', onclick: () => this.stack.dismiss(id) }, '×'),
    );
    this.elements.set(id, el);
    this.container.append(el);
  }
}
