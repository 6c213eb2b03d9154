// The effects panel (cards with sliders, driven by the server's chain) and the Web Audio
// preview that plays the chain on the microphone monitor or a loaded audio file.

import {
  EFFECT_SPECS,
  buildChain,
  decimalsFor,
  formatValue,
  resolvedParams,
} from './effects.js';

const LOG_STEPS = 1000;
const SEND_INTERVAL_MS = 120;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
};

function toSlider(spec, value) {
  if (spec.scale !== 'log') return value;
  const v = Math.min(spec.max, Math.max(spec.min, value));
  return Math.round((Math.log(v / spec.min) / Math.log(spec.max / spec.min)) * LOG_STEPS);
}

function fromSlider(spec, pos) {
  if (spec.scale !== 'log') return Number(pos);
  const v = spec.min * Math.pow(spec.max / spec.min, Number(pos) / LOG_STEPS);
  return v >= 100 ? Math.round(v / 5) * 5 : Math.round(v);
}

/** Text for the number box: the step's decimals, more if the value needs them (0.707). */
function numText(spec, v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (!spec) return String(Math.round(n * 1000) / 1000);
  const d = decimalsFor(spec.step);
  const fixed = n.toFixed(d);
  if (Math.abs(Number(fixed) - n) < 1e-9) return fixed;
  return String(Math.round(n * 1000) / 1000);
}

function roundTo(spec, v) {
  if (!spec) return v;
  return Number(Number(v).toFixed(decimalsFor(spec.step)));
}

const ICONS = {
  up: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 15l6-6 6 6"/></svg>',
  down: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>',
  remove: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>',
};

export class EffectsPanel {
  /**
   * @param {object} o
   * @param {HTMLElement} o.list       container for the cards
   * @param {(msg: object) => void} o.send   sends a client "effect" message
   */
  constructor({ list, send }) {
    this.list = list;
    this.send = send;
    this.chain = [];
    this.key = null;
    this.dragging = null; // the range input under the pointer
    this.pendingFocus = null;
    this.throttle = new Map(); // "index:param" -> {last, timer, value}
    this.lastSent = new Map();
    document.addEventListener('pointerup', () => { this.dragging = null; }, true);
    document.addEventListener('pointercancel', () => { this.dragging = null; }, true);
  }

  render(chain) {
    this.chain = Array.isArray(chain) ? chain : [];
    const key = this.chain.map((i) => `${i.effect}(${Object.keys(resolvedParams(i)).join(',')})`).join('|');
    if (key === this.key && this.list.children.length) {
      this.updateValues();
      return;
    }
    this.key = key;
    this.lastSent.clear();
    for (const t of this.throttle.values()) clearTimeout(t.timer);
    this.throttle.clear();
    const focus = this.pendingFocus || this.describeFocus();
    this.pendingFocus = null;
    this.list.replaceChildren();
    if (!this.chain.length) {
      this.list.append(
        el('li', { class: 'effects-empty' },
          el('p', { text: 'No effects yet.' }),
          el('p', { class: 'muted', text: 'Add one below, or just ask the assistant: “add some reverb”, “cut the lows”.' })),
      );
    }
    this.chain.forEach((item, index) => this.list.append(this.card(item, index)));
    this.restoreFocus(focus);
  }

  describeFocus() {
    const a = document.activeElement;
    if (!a || !this.list.contains(a)) return null;
    const card = a.closest('.effect-card');
    if (!card) return null;
    return { index: Number(card.dataset.index), action: a.dataset.action, param: a.dataset.param, kind: a.type };
  }

  restoreFocus(f) {
    if (!f) return;
    const cards = this.list.querySelectorAll('.effect-card');
    if (!cards.length) return;
    const card = cards[Math.min(f.index, cards.length - 1)];
    let target = null;
    if (f.action) {
      target = card.querySelector(`[data-action="${f.action}"]:not([disabled])`)
        || card.querySelector('[data-action]:not([disabled])');
    } else if (f.param) {
      target = card.querySelector(`input[data-param="${f.param}"][type="${f.kind}"]`);
    }
    target?.focus();
  }

  card(item, index) {
    const spec = EFFECT_SPECS[item.effect];
    const label = spec?.label || item.effect;
    const params = resolvedParams(item);
    const n = this.chain.length;
    const action = (name, aria, disabled, onclick) => {
      const b = el('button', {
        type: 'button', class: `icon-btn small action-${name}`, 'data-action': name,
        'aria-label': aria, title: aria, disabled, onclick,
      });
      b.innerHTML = ICONS[name === 'remove' ? 'remove' : name];
      return b;
    };
    const head = el('div', { class: 'card-head' },
      el('span', { class: 'card-index', 'aria-hidden': 'true', text: String(index + 1) }),
      el('h3', { class: 'card-title', id: `fx-${index}-title` }, label,
        spec?.hint ? el('span', { class: 'card-hint', text: spec.hint }) : null),
      el('div', { class: 'card-actions' },
        action('up', `Move ${label} up`, index === 0, () => {
          this.pendingFocus = { index: index - 1, action: index - 1 === 0 ? 'down' : 'up' };
          this.send({ type: 'effect', action: 'move', index, to: index - 1 });
        }),
        action('down', `Move ${label} down`, index === n - 1, () => {
          this.pendingFocus = { index: index + 1, action: index + 1 === n - 1 ? 'up' : 'down' };
          this.send({ type: 'effect', action: 'move', index, to: index + 1 });
        }),
        action('remove', `Remove ${label}`, false, () => {
          this.pendingFocus = { index: Math.max(0, index - 1), action: 'remove' };
          this.send({ type: 'effect', action: 'remove', effect: item.effect });
        }),
      ),
    );
    const card = el('li', {
      class: `effect-card${spec ? '' : ' unsupported'}`,
      'data-effect': item.effect, 'data-index': index, 'aria-labelledby': `fx-${index}-title`,
    }, head);
    for (const [param, value] of Object.entries(params)) {
      card.append(this.paramRow(item.effect, index, param, value));
    }
    if (!spec) {
      card.append(el('p', { class: 'muted small', text: 'This page cannot preview this effect; the server applies it.' }));
    }
    return card;
  }

  paramRow(effect, index, param, value) {
    const spec = EFFECT_SPECS[effect]?.params?.[param];
    const id = `fx-${index}-${param}`;
    const label = spec?.label || param;
    const effLabel = EFFECT_SPECS[effect]?.label || effect;
    const row = el('div', { class: 'param', 'data-param': param });
    row.append(el('label', { for: id, text: label }));
    let range = null;
    if (spec) {
      const isLog = spec.scale === 'log';
      range = el('input', {
        type: 'range', id, 'data-param': param, 'data-scale': isLog ? 'log' : 'linear',
        min: isLog ? 0 : spec.min, max: isLog ? LOG_STEPS : spec.max, step: isLog ? 1 : spec.step,
      });
      range.value = String(toSlider(spec, value));
      range.dataset.value = String(value);
      range.setAttribute('aria-valuetext', formatValue(effect, param, value));
      range.addEventListener('pointerdown', () => { this.dragging = range; });
      range.addEventListener('input', () => {
        const v = roundTo(spec, fromSlider(spec, range.value));
        range.dataset.value = String(v);
        range.setAttribute('aria-valuetext', formatValue(effect, param, v));
        num.value = numText(spec, v);
        this.queueSet(effect, index, param, v, false);
      });
      range.addEventListener('change', () => {
        const v = roundTo(spec, fromSlider(spec, range.value));
        this.queueSet(effect, index, param, v, true);
      });
      row.append(range);
    } else {
      row.classList.add('no-range');
    }
    const num = el('input', {
      type: 'number', 'data-param': param, class: 'param-number', inputmode: 'decimal',
      min: spec?.min, max: spec?.max, step: 'any',
      'aria-label': `${effLabel} ${label}${spec?.unit && spec.unit !== ':1' ? ` in ${spec.unit}` : ''}`,
      id: spec ? null : id,
    });
    num.value = numText(spec, value);
    // While the person types, server updates leave the box alone; once the value is
    // committed (Enter or leaving the box) the server's answer shows, even with focus.
    num.addEventListener('input', () => { num.dataset.editing = 'true'; });
    num.addEventListener('blur', () => { delete num.dataset.editing; });
    num.addEventListener('change', () => {
      delete num.dataset.editing;
      let v = Number(num.value);
      if (num.value.trim() === '' || !Number.isFinite(v)) { num.value = numText(spec, range?.dataset.value ?? value); return; }
      if (spec) v = Math.min(spec.max, Math.max(spec.min, v));
      num.value = numText(spec, v);
      if (range) {
        range.value = String(toSlider(spec, v));
        range.dataset.value = String(v);
        range.setAttribute('aria-valuetext', formatValue(effect, param, v));
      }
      this.queueSet(effect, index, param, v, true);
    });
    const unit = spec?.unit === ':1' ? ': 1' : spec?.unit || '';
    row.append(el('span', { class: 'param-value' }, num, el('span', { class: 'unit', 'aria-hidden': 'true', text: unit })));
    return row;
  }

  queueSet(effect, index, param, value, immediate) {
    const key = `${index}:${param}`;
    let t = this.throttle.get(key);
    if (!t) { t = { last: 0, timer: null, value }; this.throttle.set(key, t); }
    t.value = value;
    const fire = () => {
      clearTimeout(t.timer);
      t.timer = null;
      t.last = performance.now();
      if (this.lastSent.get(key) === t.value) return;
      this.lastSent.set(key, t.value);
      this.send({ type: 'effect', action: 'set', effect, param, value: t.value });
    };
    const wait = SEND_INTERVAL_MS - (performance.now() - t.last);
    if (immediate || wait <= 0) fire();
    else if (!t.timer) t.timer = setTimeout(fire, wait);
  }

  /** Same structure: update the controls in place, leaving the one being dragged/typed alone. */
  updateValues() {
    this.chain.forEach((item, index) => {
      const card = this.list.querySelector(`.effect-card[data-index="${index}"]`);
      if (!card) return;
      for (const [param, value] of Object.entries(resolvedParams(item))) {
        const spec = EFFECT_SPECS[item.effect]?.params?.[param];
        const range = card.querySelector(`input[type="range"][data-param="${param}"]`);
        const num = card.querySelector(`input[type="number"][data-param="${param}"]`);
        const key = `${index}:${param}`;
        const t = this.throttle.get(key);
        if (t?.timer) continue; // a newer value is about to be sent
        if (range && range !== this.dragging) {
          range.value = String(toSlider(spec, value));
          range.dataset.value = String(value);
          range.setAttribute('aria-valuetext', formatValue(item.effect, param, value));
        }
        if (num && !num.dataset.editing && range !== this.dragging) num.value = numText(spec, value);
        this.lastSent.set(key, value);
      }
    });
  }
}

/** Plays the chain with Web Audio on a source: "none", "mic" (monitor) or "file". */
export class EffectsPreview {
  constructor({ getContext, getConstraints, onChange }) {
    this.getContext = getContext;
    this.getConstraints = getConstraints;
    this.onChange = onChange || (() => {});
    this.chain = [];
    this.source = 'none';
    this.buffer = null;
    this.fileName = null;
    this.playing = false;
    this.loop = true;
    this.volume = 0.8;
    this.ctx = null;
    this.fx = null; // {handle, fade}
    this.node = null; // current source node
    this.stream = null;
  }

  ensureGraph() {
    if (this.ctx) return this.ctx;
    const ctx = this.getContext();
    this.ctx = ctx;
    this.bus = ctx.createGain();
    this.out = ctx.createGain();
    this.out.gain.value = this.volume;
    this.analyser = ctx.createAnalyser();
    this.analyser.fftSize = 2048;
    this.out.connect(this.analyser);
    this.out.connect(ctx.destination);
    return ctx;
  }

  get active() {
    return (this.source === 'mic' && !!this.stream) || (this.source === 'file' && this.playing);
  }

  setVolume(v) {
    this.volume = v;
    if (this.out) this.out.gain.setTargetAtTime(v, this.ctx.currentTime, 0.02);
  }

  setChain(chain) {
    this.chain = Array.isArray(chain) ? chain : [];
    if (!this.fx) return;
    if (this.fx.handle.update(this.chain)) return;
    this.rebuild();
  }

  /** Crossfade from the current chain graph to a new one built from this.chain. */
  rebuild() {
    const ctx = this.ensureGraph();
    const now = ctx.currentTime;
    const old = this.fx;
    const handle = buildChain(ctx, this.chain);
    const fade = ctx.createGain();
    fade.gain.setValueAtTime(old ? 0 : 1, now);
    if (old) fade.gain.linearRampToValueAtTime(1, now + 0.06);
    this.bus.connect(handle.input);
    handle.output.connect(fade).connect(this.out);
    this.fx = { handle, fade };
    if (old) {
      old.fade.gain.setValueAtTime(old.fade.gain.value, now);
      old.fade.gain.linearRampToValueAtTime(0, now + 0.06);
      setTimeout(() => {
        try { this.bus.disconnect(old.handle.input); } catch { /* gone */ }
        old.handle.disconnect();
        try { old.fade.disconnect(); } catch { /* gone */ }
      }, 150);
    }
  }

  teardownChain() {
    if (!this.fx) return;
    try { this.bus.disconnect(); } catch { /* nothing connected */ }
    this.fx.handle.disconnect();
    try { this.fx.fade.disconnect(); } catch { /* gone */ }
    this.fx = null;
  }

  async setSource(kind) {
    if (kind === this.source && (kind !== 'mic' || this.stream)) return;
    this.stopNode();
    this.stopMic();
    this.teardownChain();
    this.source = kind;
    if (kind === 'mic') {
      const ctx = this.ensureGraph();
      await ctx.resume();
      const stream = await navigator.mediaDevices.getUserMedia({ audio: this.getConstraints() });
      if (this.source !== 'mic') { stream.getTracks().forEach((t) => t.stop()); return; }
      this.stream = stream;
      this.node = ctx.createMediaStreamSource(stream);
      this.node.connect(this.bus);
      this.rebuild();
    } else if (kind === 'none') {
      this.teardownChain();
    }
    this.onChange();
  }

  async loadFile(file) {
    const ctx = this.ensureGraph();
    const data = await file.arrayBuffer();
    const buffer = await ctx.decodeAudioData(data);
    this.stopNode();
    this.buffer = buffer;
    this.fileName = file.name || 'audio';
    this.onChange();
    return buffer;
  }

  async play() {
    if (!this.buffer) return;
    const ctx = this.ensureGraph();
    await ctx.resume();
    this.stopNode();
    const node = ctx.createBufferSource();
    node.buffer = this.buffer;
    node.loop = this.loop;
    node.onended = () => {
      if (this.node === node) {
        this.node = null;
        this.playing = false;
        this.teardownChain();
        this.onChange();
      }
    };
    node.connect(this.bus);
    this.node = node;
    this.playing = true;
    if (!this.fx) this.rebuild();
    node.start();
    this.onChange();
  }

  stop() {
    this.stopNode();
    if (this.source !== 'mic') this.teardownChain();
    this.onChange();
  }

  setLoop(loop) {
    this.loop = loop;
    if (this.node && 'loop' in this.node) this.node.loop = loop;
  }

  stopNode() {
    const node = this.node;
    this.node = null;
    this.playing = false;
    if (!node) return;
    try { node.stop?.(); } catch { /* not started */ }
    try { node.disconnect(); } catch { /* gone */ }
  }

  stopMic() {
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.stream = null;
    if (this.source === 'mic') this.teardownChain();
  }

  async applyConstraints(constraints) {
    const track = this.stream?.getAudioTracks()[0];
    if (track) await track.applyConstraints(constraints);
  }
}
