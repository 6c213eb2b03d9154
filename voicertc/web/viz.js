// Level meters and a live waveform for voicertc (AnalyserNode taps only, no playback).

export const FLOOR_DB = -60;

/** RMS level of an AnalyserNode's current time-domain data, in dBFS (>= FLOOR_DB). */
export function levelDb(analyser, scratch) {
  analyser.getFloatTimeDomainData(scratch);
  let sum = 0;
  for (let i = 0; i < scratch.length; i++) sum += scratch[i] * scratch[i];
  const rms = Math.sqrt(sum / scratch.length);
  return Math.max(FLOOR_DB, 20 * Math.log10(rms + 1e-9));
}

/** A horizontal bar meter (role="meter") with a falling release and throttled ARIA updates. */
export class Meter {
  constructor(el) {
    this.el = el;
    this.fill = el.querySelector('.meter-fill');
    this.value = FLOOR_DB;
    this.lastAria = 0;
  }
  set(db) {
    // fast attack, slow release
    this.value = db > this.value ? db : this.value + (db - this.value) * 0.15;
    const pct = Math.max(0, Math.min(1, (this.value - FLOOR_DB) / -FLOOR_DB));
    this.fill.style.transform = `scaleX(${pct.toFixed(3)})`;
    const now = performance.now();
    if (now - this.lastAria > 500) {
      this.lastAria = now;
      const rounded = Math.round(this.value);
      this.el.setAttribute('aria-valuenow', String(rounded));
      this.el.setAttribute('aria-valuetext', rounded <= FLOOR_DB ? 'silent' : `${rounded} dB`);
    }
    return pct;
  }
  reset() {
    this.value = FLOOR_DB;
    this.fill.style.transform = 'scaleX(0)';
    this.el.setAttribute('aria-valuenow', String(FLOOR_DB));
    this.el.setAttribute('aria-valuetext', 'silent');
  }
}

/** Overlaid waveforms of several analysers on one canvas. */
export class Scope {
  constructor(canvas) {
    this.canvas = canvas;
    this.g = canvas.getContext('2d');
    this.dpr = 1;
    const resize = () => {
      this.dpr = Math.min(2, window.devicePixelRatio || 1);
      const w = Math.max(1, Math.round(canvas.clientWidth * this.dpr));
      const h = Math.max(1, Math.round(canvas.clientHeight * this.dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        if (this.g) this.clear();
      }
    };
    resize();
    if ('ResizeObserver' in window) new ResizeObserver(resize).observe(canvas);
    else window.addEventListener('resize', resize);
    this.clear();
  }
  clear() {
    const { width: w, height: h } = this.canvas;
    this.g.clearRect(0, 0, w, h);
    this.g.strokeStyle = 'rgba(148, 163, 184, 0.25)';
    this.g.lineWidth = this.dpr;
    this.g.beginPath();
    this.g.moveTo(0, h / 2);
    this.g.lineTo(w, h / 2);
    this.g.stroke();
  }
  /** traces: [{analyser, data: Float32Array, color}] */
  draw(traces) {
    const { width: w, height: h } = this.canvas;
    const g = this.g;
    this.clear();
    g.lineWidth = 2 * this.dpr;
    g.lineJoin = 'round';
    for (const t of traces) {
      if (!t.analyser) continue;
      t.analyser.getFloatTimeDomainData(t.data);
      const n = t.data.length;
      const step = Math.max(1, Math.floor(n / w) || 1);
      g.strokeStyle = t.color;
      g.beginPath();
      for (let x = 0, i = 0; i < n; i += step, x++) {
        const px = (i / (n - 1)) * w;
        const py = h / 2 - Math.max(-1, Math.min(1, t.data[i] * 1.8)) * (h / 2 - 2 * this.dpr);
        if (x === 0) g.moveTo(px, py);
        else g.lineTo(px, py);
      }
      g.stroke();
    }
  }
}
