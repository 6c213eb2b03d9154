// The page's shared state: what the call looks like to the UI, the elements, the settings.
// The call itself (peer connection, signalling, reconnects) lives in voicertc-client.js.

export const $ = (id) => document.getElementById(id);

const SETTINGS_KEY = 'voicertc.settings.v1';

export const app = {
  state: 'idle',
  client: null, // the VoiceCall of the current (or last) call
  callActive: false,
  callNumber: 0,
  transcripts: [],
  byKey: new Map(),
  chain: [],
  lastError: null,
  metrics: [],
  turns: [],
  bargeIns: [],
  stats: {},
  received: [],
  sent: [],
  muted: false,
  pttHeld: false,
  mode: 'open',
  callClickedAt: null,
  callStartedAt: null,
  callEndedAt: null,
  pendingDivider: null,
  timers: {},
  audioCtx: null,
  taps: { mic: null, out: null },
};

export const ui = {
  body: document.body,
  main: $('main'),
  call: $('call'),
  hangup: $('hangup'),
  stateLabel: $('state-label'),
  stateHint: $('state-hint'),
  timer: $('call-timer'),
  latencyLast: $('latency-last'),
  mute: $('mute'),
  ptt: $('ptt'),
  interrupt: $('interrupt'),
  captions: $('captions'),
  captionsEmpty: $('captions-empty'),
  announcer: $('caption-announcer'),
  textForm: $('text-form'),
  textInput: $('text-input'),
  send: $('send'),
  error: $('error'),
  errorTitle: $('error-title'),
  errorMessage: $('error-message'),
  errorDismiss: $('error-dismiss'),
  notice: $('notice'),
  audio: $('remote-audio'),
  routeBadge: $('route-badge'),
  connPill: $('conn-pill'),
  effectsCount: $('effects-count'),
  effectsNote: $('effects-note'),
  transcriptCount: $('transcript-count'),
  latencyList: $('latency-list'),
  orbWrap: document.querySelector('.orb-wrap'),
};

function loadSettings() {
  const defaults = { echoCancellation: true, noiseSuppression: true, autoGainControl: true, mode: 'open', volume: 1, previewVolume: 0.8 };
  try {
    return { ...defaults, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}') };
  } catch {
    return defaults;
  }
}

export const settings = loadSettings();

export function saveSettings() {
  try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings)); } catch { /* private mode */ }
}

export function micConstraints() {
  return {
    echoCancellation: !!settings.echoCancellation,
    noiseSuppression: !!settings.noiseSuppression,
    autoGainControl: !!settings.autoGainControl,
  };
}

export function getAudioContext() {
  if (!app.audioCtx) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    app.audioCtx = new Ctx({ latencyHint: 'interactive' });
  }
  if (app.audioCtx.state === 'suspended') app.audioCtx.resume().catch(() => {});
  return app.audioCtx;
}

export function formatDuration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function downloadBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The page's own errors and the server's, in the error box (`app.lastError`). */
export function showError(err) {
  const e = {
    code: err?.code || 'error',
    title: err?.title || 'Something went wrong',
    message: err?.message || String(err),
    source: err?.source || 'client',
    status: err?.status,
    time: Date.now(),
  };
  app.lastError = e;
  ui.errorTitle.textContent = e.title;
  ui.errorMessage.textContent = e.message;
  ui.error.dataset.code = e.code;
  ui.error.dataset.source = e.source;
  ui.error.hidden = false;
  clearTimeout(app.timers.errorHide);
  // Messages from the server during a call fade away on their own; call failures stay.
  if (e.source === 'server') app.timers.errorHide = setTimeout(clearError, 9000);
  if (e.source !== 'server') console.warn('[voicertc]', e.code, e.message);
}

export function clearError() {
  clearTimeout(app.timers.errorHide);
  ui.error.hidden = true;
}

/** The banner under the top bar: `code` in data-code, an optional action button. */
export function showNotice(text, { code = '', action, actionLabel } = {}) {
  ui.notice.replaceChildren();
  const p = document.createElement('span');
  p.textContent = text;
  ui.notice.append(p);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn small';
    b.textContent = actionLabel;
    b.addEventListener('click', () => { action(); hideNotice(); });
    ui.notice.append(b);
  }
  ui.notice.dataset.code = code;
  ui.notice.hidden = false;
}

export function hideNotice() {
  ui.notice.hidden = true;
}

/** Keeps what the page sent (the last 1000 messages) for `window.voicertc.sent`. */
export function record(msg) {
  app.sent.push(msg);
  if (app.sent.length > 1000) app.sent.splice(0, app.sent.length - 1000);
  return true;
}

/** Sends any protocol message on the call; false without an open channel. */
export function send(msg) {
  return !!app.client?.send(msg) && record(msg);
}
