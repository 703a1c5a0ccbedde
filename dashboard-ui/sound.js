// An optional beep for critical alerts, synthesised with WebAudio so the page ships no audio
// files. Off by default; browsers only let audio start after a user gesture, which the toggle is.

const PREF_KEY = 'opscenter.soundOnCritical';

/** CriticalBeep remembers the operator's choice and plays a short two-tone beep. */
export class CriticalBeep {
  constructor() {
    this.enabled = localStorage.getItem(PREF_KEY) === 'on';
    this.context = null;
    this.played = 0; // how many times it sounded since the page loaded (the page shows it for tests and support)
  }

  toggle() {
    this.enabled = !this.enabled;
    localStorage.setItem(PREF_KEY, this.enabled ? 'on' : 'off');
    if (this.enabled) this.ensureContext();
    return this.enabled;
  }

  ensureContext() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!this.context) this.context = new Context();
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    return this.context;
  }

  /** Sounds the beep if the operator turned it on; returns whether it did. */
  play() {
    if (!this.enabled) return false;
    this.played += 1;
    const context = this.ensureContext();
    if (!context) return true;
    const start = context.currentTime;
    [880, 660].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + i * 0.18;
      // ramp in and out so the beep does not click
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.16);
    });
    return true;
  }
}
