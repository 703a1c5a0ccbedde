// The four headline numbers and the health dots. Both are polled (every 15 s by the page);
// stats are also refreshed shortly after live alerts arrive.

import { api } from './api.js';
import { absoluteTime, relativeTime, setText } from './dom.js';

const NUMBER = new Intl.NumberFormat();
const COMPONENTS = ['postgres', 'redis', 'worker', 'realtime'];
const KNOWN_STATES = new Set(['ok', 'degraded', 'down']);

function formatStat(key, value) {
  if (value === null || value === undefined) return '—';
  if (key === 'avgProcessingMs') return `${NUMBER.format(Math.round(Number(value)))} ms`;
  return NUMBER.format(Number(value));
}

/**
 * How a stat reads at a glance: ok (green), warn (yellow) or bad (red); null for counts that are
 * neither good nor bad (webhooks received). Any critical in 24 h is red; failed events are yellow
 * from the first and red from ten; processing is yellow from 1 s and red from 5 s on average.
 */
export function statLevel(key, value) {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  switch (key) {
    case 'criticalAlerts24h':
      return n > 0 ? 'bad' : 'ok';
    case 'failedEvents24h':
      return n >= 10 ? 'bad' : n > 0 ? 'warn' : 'ok';
    case 'avgProcessingMs':
      return n >= 5000 ? 'bad' : n >= 1000 ? 'warn' : 'ok';
    default:
      return null;
  }
}

/** What the overall health says: operational, degraded or down (unknown while none came). */
export function healthLabel(state) {
  return { ok: 'operational', degraded: 'degraded', down: 'down' }[state] || 'unknown';
}

/** Loads GET /api/stats into elements marked data-stat="<key>", and colours their cards. */
export async function refreshStats(root) {
  const stats = await api.stats();
  for (const el of root.querySelectorAll('[data-stat]')) {
    const key = el.dataset.stat;
    const value = stats ? stats[key] : null;
    setText(el, formatStat(key, value));
    const card = el.closest('.stat');
    const level = statLevel(key, value);
    if (card && level) card.dataset.level = level;
    else if (card) delete card.dataset.level;
  }
  root.removeAttribute('aria-busy');
}

function componentDetail(name, component) {
  if (!component) return 'no report';
  const parts = [];
  if (component.detail) parts.push(String(component.detail));
  if (name === 'worker') {
    if (component.consumers !== undefined && component.consumers !== null) parts.push(`${component.consumers} consumer(s)`);
    if (component.backlog) parts.push(`${component.backlog} waiting`);
    if (component.lastProcessedAt) parts.push(`last processed ${relativeTime(component.lastProcessedAt)}`);
  }
  return parts.join(' · ');
}

function normalise(status) {
  const value = String(status || 'unknown').toLowerCase();
  if (value === 'up') return 'ok';
  return KNOWN_STATES.has(value) ? value : 'unknown';
}

/** Loads GET /api/system/health into the dots marked data-component="<name>"; returns the report shown. */
export async function refreshHealth(root) {
  let report;
  try {
    report = await api.health();
  } catch (error) {
    // a 503 still carries the report; any other failure is itself news, so no stale green dots
    if (error.status === 401) throw error;
    report = error.body && error.body.components ? error.body : { status: 'down', components: {} };
  }
  const components = (report && report.components) || {};
  for (const name of COMPONENTS) {
    const item = root.querySelector(`[data-component="${name}"]`);
    if (!item) continue;
    const component = components[name];
    const state = normalise(component && component.status);
    item.dataset.state = state;
    setText(item.querySelector('.health-state'), state);
    const detail = componentDetail(name, component);
    setText(item.querySelector('.health-detail'), detail);
    item.title = component && component.lastProcessedAt ? absoluteTime(component.lastProcessedAt) : detail;
  }
  const overall = root.querySelector('[data-overall]');
  if (overall) {
    const state = normalise(report && report.status);
    overall.dataset.state = state;
    setText(overall, healthLabel(state));
  }
  root.removeAttribute('aria-busy');
  return report;
}
