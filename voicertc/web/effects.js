// voicertc effects: parameter specs and the Web Audio rendering of an effect chain.
//
// The chain format is the server's: [{effect: "reverb", params: {decay_s: 2, mix: 30}}, ...]
// Exports:
//   EFFECT_SPECS, setEffectSpecs   names, units, ranges, defaults (from GET /effects/specs)
//   buildChain(ctx, chain)         -> {input, output, stages, update(chain), disconnect()}
//   renderOffline(buffer, chain)   -> Promise<AudioBuffer> (chain applied, tail included)
//   encodeWav(buffer)              -> Blob (16-bit PCM WAV)
//   applyEffectAction(chain, msg)  -> new chain (local preview of a client "effect" message)

// Filled from the server's GET /effects/specs (voicertc/effects/specs.py) by setEffectSpecs
// before the page is used: one table, the one the server validates against.
export const EFFECT_SPECS = {};
export let EFFECT_NAMES = [];

export function setEffectSpecs(specs) {
  for (const key of Object.keys(EFFECT_SPECS)) delete EFFECT_SPECS[key];
  Object.assign(EFFECT_SPECS, specs);
  EFFECT_NAMES = Object.keys(EFFECT_SPECS);
}


export function defaultParams(effect) {
  const spec = EFFECT_SPECS[effect];
  if (!spec) return {};
  const out = {};
  for (const [name, p] of Object.entries(spec.params)) out[name] = p.default;
  return out;
}

export function clampParam(effect, param, value) {
  const p = EFFECT_SPECS[effect]?.params?.[param];
  const v = Number(value);
  if (!p || !Number.isFinite(v)) return v;
  return Math.min(p.max, Math.max(p.min, v));
}

/** Parameters of an item with defaults filled in and values clamped to their ranges. */
export function resolvedParams(item) {
  const spec = EFFECT_SPECS[item?.effect];
  const params = { ...(item?.params || {}) };
  if (!spec) return params;
  for (const [name, p] of Object.entries(spec.params)) {
    const v = Number(params[name]);
    params[name] = Number.isFinite(v) ? Math.min(p.max, Math.max(p.min, v)) : p.default;
  }
  return params;
}

const dbToGain = (db) => Math.pow(10, db / 20);

// Deterministic noise so that offline renders are reproducible.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stereo noise impulse response decaying exponentially to -60 dB at decay_s. */
export function makeImpulseResponse(ctx, decaySeconds) {
  const rate = ctx.sampleRate;
  const decay = Math.max(0.05, Number(decaySeconds) || 2);
  const length = Math.max(2, Math.round(rate * decay));
  const ir = ctx.createBuffer(2, length, rate);
  const k = Math.log(1000) / (decay * rate); // exp(-k * n) reaches 1e-3 (-60 dB) at n = decay*rate
  const fadeIn = Math.min(length, Math.round(rate * 0.002));
  for (let ch = 0; ch < 2; ch++) {
    const rnd = mulberry32(0x5eed1 + ch * 7919);
    const data = ir.getChannelData(ch);
    for (let i = 0; i < length; i++) {
      let v = (rnd() * 2 - 1) * Math.exp(-k * i);
      if (i < fadeIn) v *= i / fadeIn;
      data[i] = v;
    }
  }
  return ir;
}

/** WaveShaper curve: soft clipping, identity at drive 0. */
export function distortionCurve(drive, samples = 2049) {
  const k = (Math.max(0, Math.min(100, Number(drive) || 0)) / 100) * 40;
  const curve = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = (i * 2) / (samples - 1) - 1;
    curve[i] = ((1 + k) * x) / (1 + k * Math.abs(x));
  }
  return curve;
}

function setParam(ctx, param, value, live) {
  if (!Number.isFinite(value)) return;
  if (live && ctx.state === 'running') {
    param.cancelScheduledValues(ctx.currentTime);
    param.setTargetAtTime(value, ctx.currentTime, 0.015);
  } else {
    param.value = value;
  }
}

function wetDry(ctx, mixPercent, live, dry, wet) {
  const m = Math.min(1, Math.max(0, mixPercent / 100));
  setParam(ctx, dry.gain, 1 - m, live);
  setParam(ctx, wet.gain, m, live);
}

// Each stage: {effect, input, output, set(params, live) -> bool (false: needs a rebuild)}
const STAGES = {
  reverb(ctx, params) {
    const input = ctx.createGain();
    const output = ctx.createGain();
    const dry = ctx.createGain();
    const wet = ctx.createGain();
    const conv = ctx.createConvolver();
    conv.buffer = makeImpulseResponse(ctx, params.decay_s);
    input.connect(dry).connect(output);
    input.connect(conv).connect(wet).connect(output);
    let decay = params.decay_s;
    const set = (p, live) => {
      if (p.decay_s !== decay) return false; // a new impulse response: rebuild
      wetDry(ctx, p.mix, live, dry, wet);
      return true;
    };
    set(params, false);
    return { input, output, set, nodes: { dry, wet, convolver: conv } };
  },
  delay(ctx, params) {
    const input = ctx.createGain();
    const output = ctx.createGain();
    const dry = ctx.createGain();
    const wet = ctx.createGain();
    const line = ctx.createDelay(2.0);
    const fb = ctx.createGain();
    input.connect(dry).connect(output);
    input.connect(line);
    line.connect(wet).connect(output);
    line.connect(fb).connect(line);
    const set = (p, live) => {
      setParam(ctx, line.delayTime, Math.min(2, Math.max(0, p.time_ms / 1000)), live);
      setParam(ctx, fb.gain, Math.min(0.95, Math.max(0, p.feedback / 100)), live);
      wetDry(ctx, p.mix, live, dry, wet);
      return true;
    };
    set(params, false);
    return { input, output, set, nodes: { dry, wet, delay: line, feedback: fb } };
  },
  lowpass(ctx, params) {
    return filterStage(ctx, 'lowpass', params);
  },
  highpass(ctx, params) {
    return filterStage(ctx, 'highpass', params);
  },
  gain(ctx, params) {
    const g = ctx.createGain();
    const set = (p, live) => {
      setParam(ctx, g.gain, dbToGain(p.gain_db), live);
      return true;
    };
    set(params, false);
    return { input: g, output: g, set, nodes: { gain: g } };
  },
  compressor(ctx, params) {
    const c = ctx.createDynamicsCompressor();
    const set = (p, live) => {
      setParam(ctx, c.threshold, p.threshold_db, live);
      setParam(ctx, c.ratio, p.ratio, live);
      setParam(ctx, c.knee, p.knee_db, live);
      setParam(ctx, c.attack, p.attack_ms / 1000, live);
      setParam(ctx, c.release, p.release_ms / 1000, live);
      return true;
    };
    set(params, false);
    return { input: c, output: c, set, nodes: { compressor: c } };
  },
  distortion(ctx, params) {
    const ws = ctx.createWaveShaper();
    ws.oversample = '4x';
    let drive = null;
    const set = (p) => {
      if (p.drive !== drive) {
        ws.curve = distortionCurve(p.drive);
        drive = p.drive;
      }
      return true;
    };
    set(params, false);
    return { input: ws, output: ws, set, nodes: { shaper: ws } };
  },
};

function filterStage(ctx, type, params) {
  const f = ctx.createBiquadFilter();
  f.type = type;
  const set = (p, live) => {
    setParam(ctx, f.frequency, Math.min(p.cutoff_hz, ctx.sampleRate / 2), live);
    // Web Audio's Q for lowpass/highpass is a resonance in dB: 20*log10(Q) (0.707 -> -3 dB).
    setParam(ctx, f.Q, 20 * Math.log10(Math.max(0.0001, p.q)), live);
    return true;
  };
  set(params, false);
  return { input: f, output: f, set, nodes: { filter: f } };
}

function makeStage(ctx, item) {
  const factory = STAGES[item?.effect];
  if (!factory) {
    // Unknown to this page (the server may know more effects): pass the sound through.
    const g = ctx.createGain();
    return { effect: item?.effect, input: g, output: g, set: () => true, unsupported: true, nodes: {} };
  }
  const stage = factory(ctx, resolvedParams(item));
  stage.effect = item.effect;
  return stage;
}

/**
 * Build the Web Audio graph for a chain. Connect your source to `input` and `output` to
 * where it should go. `update(chain)` changes parameters in place (smoothly) and returns
 * false when the structure differs and a rebuild is needed.
 */
export function buildChain(ctx, chain) {
  const input = ctx.createGain();
  const output = ctx.createGain();
  const items = Array.isArray(chain) ? chain : [];
  const stages = [];
  let prev = input;
  for (const item of items) {
    const stage = makeStage(ctx, item);
    prev.connect(stage.input);
    prev = stage.output;
    stages.push(stage);
  }
  prev.connect(output);
  const handle = {
    input,
    output,
    stages,
    effects: items.map((i) => i.effect),
    update(next) {
      const list = Array.isArray(next) ? next : [];
      if (list.length !== stages.length) return false;
      if (list.some((item, i) => item.effect !== stages[i].effect)) return false;
      for (let i = 0; i < list.length; i++) {
        if (stages[i].unsupported) continue;
        if (!stages[i].set(resolvedParams(list[i]), true)) return false;
      }
      return true;
    },
    disconnect() {
      const all = [input, output];
      for (const s of stages) all.push(s.input, s.output, ...Object.values(s.nodes || {}));
      for (const n of all) {
        try { n.disconnect(); } catch { /* already disconnected */ }
      }
    },
  };
  return handle;
}

/** Seconds of tail (reverb decay, delay repeats) to render after the source ends. */
export function tailSeconds(chain) {
  let tail = 0;
  for (const item of Array.isArray(chain) ? chain : []) {
    const p = resolvedParams(item);
    if (item.effect === 'reverb') tail += p.decay_s;
    if (item.effect === 'delay') {
      const t = p.time_ms / 1000;
      const fb = p.feedback / 100;
      const repeats = fb > 0.001 ? Math.ceil(Math.log(0.001) / Math.log(fb)) : 1;
      tail += Math.min(10, t * Math.max(1, repeats));
    }
  }
  return Math.min(20, tail);
}

/** Render an AudioBuffer through the chain with an OfflineAudioContext. */
export async function renderOffline(buffer, chain, options = {}) {
  const rate = buffer.sampleRate;
  const tail = options.tail ?? tailSeconds(chain);
  const length = buffer.length + Math.ceil(tail * rate);
  const channels = options.channels ?? buffer.numberOfChannels;
  const ctx = new OfflineAudioContext(channels, Math.max(1, length), rate);
  const src = ctx.createBufferSource();
  src.buffer = buffer;
  const fx = buildChain(ctx, chain);
  src.connect(fx.input);
  fx.output.connect(ctx.destination);
  src.start(0);
  return ctx.startRendering();
}

/** 16-bit PCM WAV of an AudioBuffer (channels interleaved, samples clipped). */
export function encodeWav(buffer) {
  const channels = buffer.numberOfChannels;
  const frames = buffer.length;
  const rate = buffer.sampleRate;
  const dataBytes = frames * channels * 2;
  const out = new ArrayBuffer(44 + dataBytes);
  const v = new DataView(out);
  const ascii = (off, s) => { for (let i = 0; i < s.length; i++) v.setUint8(off + i, s.charCodeAt(i)); };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels * 2, true);
  v.setUint16(32, channels * 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  const data = [];
  for (let c = 0; c < channels; c++) data.push(buffer.getChannelData(c));
  let off = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const s = Math.max(-1, Math.min(1, data[c][i]));
      v.setInt16(off, s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff), true);
      off += 2;
    }
  }
  return new Blob([out], { type: 'audio/wav' });
}

/**
 * Apply a client "effect" message to a chain locally (used when no call is running, so the
 * panel and preview still work). During a call the server's `effects` message is the truth.
 */
export function applyEffectAction(chain, msg) {
  const list = (Array.isArray(chain) ? chain : []).map((i) => ({ effect: i.effect, params: { ...i.params } }));
  const effect = msg?.effect;
  const spec = EFFECT_SPECS[effect];
  const find = () => {
    for (let i = list.length - 1; i >= 0; i--) if (list[i].effect === effect) return i;
    return -1;
  };
  const primary = spec ? spec.primary || Object.keys(spec.params)[0] : null;
  switch (msg?.action) {
    case 'reset':
      return [];
    case 'add': {
      if (!spec) return list;
      let i = find();
      if (i < 0) {
        list.push({ effect, params: defaultParams(effect) });
        i = list.length - 1;
      }
      if (msg.value !== undefined) {
        const param = msg.param || primary;
        list[i].params[param] = clampParam(effect, param, msg.value);
      }
      return list;
    }
    case 'remove': {
      const i = Number.isInteger(msg.index) ? msg.index : find();
      if (i >= 0 && i < list.length) list.splice(i, 1);
      return list;
    }
    case 'set':
    case 'increase':
    case 'decrease': {
      if (!spec) return list;
      let i = find();
      if (i < 0) {
        list.push({ effect, params: defaultParams(effect) });
        i = list.length - 1;
      }
      const param = msg.param || primary;
      const p = spec.params[param];
      if (!p) return list;
      const cur = Number(list[i].params[param] ?? p.default);
      let next;
      if (msg.action === 'set') next = Number(msg.value);
      else {
        const step = msg.value !== undefined ? Number(msg.value) : (p.max - p.min) / 10;
        next = msg.action === 'increase' ? cur + step : cur - step;
      }
      if (Number.isFinite(next)) list[i].params[param] = clampParam(effect, param, next);
      return list;
    }
    case 'move': {
      const from = msg.index;
      const to = msg.to;
      if (!Number.isInteger(from) || !Number.isInteger(to)) return list;
      if (from < 0 || from >= list.length || to < 0 || to >= list.length) return list;
      const [item] = list.splice(from, 1);
      list.splice(to, 0, item);
      return list;
    }
    default:
      return list;
  }
}

/** Human display of a parameter value with its unit, e.g. "2.0 kHz", "350 ms", "4.0:1". */
export function formatValue(effect, param, value) {
  const p = EFFECT_SPECS[effect]?.params?.[param];
  const v = Number(value);
  if (!Number.isFinite(v)) return String(value);
  if (!p) return String(Math.round(v * 1000) / 1000);
  if (p.unit === 'Hz') return v >= 1000 ? `${(v / 1000).toFixed(v >= 10000 ? 1 : 2)} kHz` : `${Math.round(v)} Hz`;
  if (p.unit === ':1') return `${v.toFixed(1)}:1`;
  const decimals = decimalsFor(p.step);
  const text = v.toFixed(decimals);
  if (!p.unit) return text;
  return p.unit === '%' ? `${text}%` : `${text} ${p.unit}`;
}

export function decimalsFor(step) {
  if (!step || step >= 1) return 0;
  return Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
}
