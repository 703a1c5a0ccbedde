// The overview's two charts, drawn with Chart.js (vendored from its webjar at build time into
// vendor/chart.js/, loaded as a classic script that sets window.Chart): events per minute by
// source and alerts per hour by severity over the last 24 h (GET api/stats/series). The server
// sends only non-empty buckets; buckets() lays them on the full time axis with zeros between.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info'];

/** Bucket starts from `from` to `to` (epoch ms), aligned down to the step. */
export function axis(from, to, step) {
  const start = Math.floor(from / step) * step;
  const out = [];
  for (let at = start; at <= to; at += step) out.push(at);
  return out;
}

/** Each series' counts on the axis, zero where it had none; points off the axis are dropped. */
export function buckets(series, times, step) {
  const index = new Map(times.map((t, i) => [t, i]));
  return series.map((line) => {
    const counts = new Array(times.length).fill(0);
    for (const point of line.points || []) {
      const at = Math.floor(Date.parse(point.at) / step) * step;
      const i = index.get(at);
      if (i !== undefined) counts[i] += Number(point.count) || 0;
    }
    return { name: line.name, counts };
  });
}

/** Severities most urgent first, so stacks read the same in every chart. */
export function bySeverity(lines) {
  const rank = (name) => {
    const i = SEVERITY_ORDER.indexOf(name);
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  return [...lines].sort((a, b) => rank(a.name) - rank(b.name));
}

/** A sentence for screen readers and for when the chart library is missing. */
export function summary(lines, noun) {
  const totals = lines.map((l) => [l.name, l.counts.reduce((a, b) => a + b, 0)]).filter(([, n]) => n > 0);
  const total = totals.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return `No ${noun} in the last 24 hours.`;
  const parts = totals.sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}`);
  return `${total} ${noun} in the last 24 hours: ${parts.join(', ')}.`;
}

function cssColor(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

const PALETTE = ['#4c9aff', '#3fb950', '#e3a008', '#f0663f', '#a371f7', '#39c5cf', '#ff7b72', '#8b98a5', '#6e7681'];

export class OverviewCharts {
  constructor(root) {
    this.root = root;
    this.charts = {};
  }

  async refresh(api) {
    const overview = await api.request('GET', 'api/stats/series');
    const from = Date.parse(overview.from);
    const to = Date.parse(overview.to);
    const minutes = axis(from, to, MINUTE);
    const hours = axis(from, to, HOUR);
    const events = buckets(overview.eventsPerMinute || [], minutes, MINUTE);
    const alerts = bySeverity(buckets(overview.alertsPerHour || [], hours, HOUR));
    this.draw('events', minutes, events, (line, i) => PALETTE[i % PALETTE.length], 'line', 'events');
    this.draw('alerts', hours, alerts, (line) => cssColor(`--${line.name}`, '#8b98a5'), 'bar', 'alerts');
  }

  draw(key, times, lines, color, type, noun) {
    const figure = this.root.querySelector(`[data-chart="${key}"]`);
    const text = summary(lines, noun);
    figure.querySelector('figcaption [data-chart-summary]').textContent = text;
    const canvas = figure.querySelector('canvas');
    canvas.setAttribute('aria-label', text);
    if (!window.Chart) return; // the summary still says it all
    const labels = times.map((t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    const datasets = lines.map((line, i) => ({
      label: line.name,
      data: line.counts,
      borderColor: color(line, i),
      backgroundColor: color(line, i),
      pointRadius: 0,
      borderWidth: type === 'line' ? 1.5 : 0,
      stack: type === 'bar' ? 'all' : undefined,
    }));
    const existing = this.charts[key];
    if (existing) {
      existing.data.labels = labels;
      existing.data.datasets = datasets;
      existing.update('none');
      return;
    }
    const grid = cssColor('--border', '#2b3642');
    const ink = cssColor('--muted', '#8b98a5');
    this.charts[key] = new window.Chart(canvas, {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: type === 'bar', ticks: { color: ink, maxTicksLimit: 8, maxRotation: 0 }, grid: { color: grid } },
          y: { stacked: type === 'bar', beginAtZero: true, ticks: { color: ink, precision: 0 }, grid: { color: grid } },
        },
        plugins: { legend: { labels: { color: ink, boxWidth: 12 } } },
      },
    });
  }
}
