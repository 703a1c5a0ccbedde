// Which critical alerts the operator has already been beeped for. Criticals reach the page by the
// socket, by its catch-up after a reconnect, by the REST poll while it is down and by the REST check
// on reconnect; each path asks here, so a critical sounds once whichever path brings it first, and
// one that was already there when the page loaded never sounds.

/** HeardCriticals remembers the newest critical known at load and every critical sounded since. */
export class HeardCriticals {
  constructor() {
    this.floor = null; // the newest critical id known when the page loaded; older ones never sound
    this.heard = new Set();
  }

  /** The criticals that existed before this page was watching: none of them will sound. */
  prime(alerts) {
    const ids = criticalIds(alerts);
    this.floor = Math.max(this.floor ?? 0, 0, ...ids);
  }

  /** True once prime() ran. */
  get primed() {
    return this.floor !== null;
  }

  /**
   * The criticals among alerts that have not sounded yet (marked as sounded now). Before prime() there
   * is nothing to compare with: what arrives then primes instead, silently.
   */
  fresh(alerts) {
    if (!this.primed) {
      this.prime(alerts);
      return [];
    }
    const out = [];
    for (const alert of alerts || []) {
      if (!isCritical(alert) || alert.id <= this.floor || this.heard.has(alert.id)) continue;
      this.heard.add(alert.id);
      out.push(alert);
    }
    return out;
  }
}

function isCritical(alert) {
  return Boolean(alert) && alert.severity === 'critical' && Number.isFinite(Number(alert.id));
}

function criticalIds(alerts) {
  return (alerts || []).filter(isCritical).map((a) => Number(a.id));
}
