// voicertc web client: call setup (HTTP signalling + WebRTC), captions, effects panel,
// meters, connection stats. Protocol: docs/protocol.md. No build step.

import * as effects from './effects.js';
import { EFFECT_NAMES, EFFECT_SPECS, applyEffectAction, encodeWav, renderOffline } from './effects.js';
import { EffectsPanel, EffectsPreview } from './effects-panel.js';
import { Meter, Scope, levelDb } from './viz.js';

const $ = (id) => document.getElementById(id);

const ICE_GATHER_CAP_MS = 3000;
const FETCH_TIMEOUT_MS = 15000;
const CONNECT_TIMEOUT_MS = 25000;
const PING_INTERVAL_MS = 5000;
const MAX_TEXT = 4000;
const SETTINGS_KEY = 'voicertc.settings.v1';

const STATE_TEXT = {
  idle: ['Ready', 'Press Call and talk. Ask for effects: “add some reverb”, “cut the lows”.'],
  connecting: ['Connecting…', 'Setting up the call. Allow the microphone if your browser asks.'],
  listening: ['Listening', 'Go ahead and talk. You can cut in while the assistant speaks.'],
  thinking: ['Thinking…', 'The assistant is working on an answer.'],
  speaking: ['Speaking', 'Talk over it or press Interrupt (Esc) to cut in.'],
  reconnecting: ['Reconnecting…', 'The connection hiccupped. Hold on a moment.'],
  ended: ['Call ended', 'Press Call to talk again. Save the conversation with the .txt or .json buttons.'],
};

// ---------------------------------------------------------------------------------------
// App state

const app = {
  state: 'idle',
  serverState: null,
  callActive: false,
  callId: 0,
  callNumber: 0,
  sessionId: null,
  session: null,
  pc: null,
  dc: null,
  micStream: null,
  micTrack: null,
  remoteStream: null,
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
  timers: {},
  pings: new Map(),
  pingSeq: 0,
  lastInbound: null,
  audioCtx: null,
  taps: { mic: null, out: null },
};

const settings = loadSettings();

const ui = {
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

function saveSettings() {
  try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings)); } catch { /* private mode */ }
}

function micConstraints() {
  return {
    echoCancellation: !!settings.echoCancellation,
    noiseSuppression: !!settings.noiseSuppression,
    autoGainControl: !!settings.autoGainControl,
  };
}

function getAudioContext() {
  if (!app.audioCtx) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    app.audioCtx = new Ctx({ latencyHint: 'interactive' });
  }
  if (app.audioCtx.state === 'suspended') app.audioCtx.resume().catch(() => {});
  return app.audioCtx;
}

// ---------------------------------------------------------------------------------------
// Errors

class UserError extends Error {
  constructor(code, title, message, extra = {}) {
    super(message);
    this.code = code;
    this.title = title;
    Object.assign(this, extra);
  }
}

function micError(err) {
  const name = err?.name || '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new UserError('mic_denied', 'Microphone blocked',
      'The browser did not let this page use the microphone. Allow it (the microphone or lock icon next to the address), then press Call again.',
      { source: 'media' });
  }
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') {
    return new UserError('no_microphone', 'No microphone found',
      'Plug in a microphone or headset (or enable it in your system settings), then press Call again.',
      { source: 'media' });
  }
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') {
    return new UserError('mic_busy', 'Microphone unavailable',
      'The microphone could not be started; another app may be using it. Close that app and press Call again.',
      { source: 'media' });
  }
  return new UserError('mic_error', 'Microphone problem', `${err?.message || err}`, { source: 'media' });
}

function insecureError() {
  return new UserError('insecure_context', 'This page needs a secure connection',
    'Browsers only give the microphone to pages on https:// or on http://localhost. Open this page over https (or on localhost) and try again.',
    { source: 'client' });
}

function networkError(err, what) {
  if (err?.name === 'AbortError') {
    return new UserError('timeout', 'The server did not answer',
      `No answer while ${what}. Check that the server is running and reachable, then press Call again.`,
      { source: 'network' });
  }
  return new UserError('network_error', 'Cannot reach the server',
    `A network error happened while ${what}. Check your connection and that the server is running, then press Call again.`,
    { source: 'network' });
}

function iceFailedError(timedOut = false) {
  return new UserError('ice_failed', timedOut ? 'The audio connection timed out' : 'The audio connection failed',
    'Your browser and the server could not reach each other (ICE failed). A firewall or VPN may be blocking UDP; try another network, or ask the operator to set up a TURN relay.',
    { source: 'ice' });
}

async function httpError(resp, what) {
  let body = null;
  try { body = await resp.json(); } catch { /* not JSON */ }
  const code = body?.error?.code || `http_${resp.status}`;
  const serverMessage = body?.error?.message;
  if (code === 'server_full' || resp.status === 503) {
    const retry = parseInt(resp.headers.get('Retry-After') || '', 10);
    const when = Number.isFinite(retry) && retry > 0 ? `in ${retry} second${retry === 1 ? '' : 's'}` : 'in a minute';
    // The page's own words: the server's message repeats the title and may name another delay.
    return new UserError(code, 'The server is full',
      `All call slots are in use right now. Please try again ${when}.`,
      { source: 'http', status: resp.status, retryAfter: Number.isFinite(retry) ? retry : null });
  }
  return new UserError(code, `The server refused ${what}`,
    serverMessage || `The server answered HTTP ${resp.status}${resp.statusText ? ` ${resp.statusText}` : ''}.`,
    { source: 'http', status: resp.status });
}

function showError(err) {
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

function clearError() {
  clearTimeout(app.timers.errorHide);
  ui.error.hidden = true;
}

function showNotice(html, { action, actionLabel } = {}) {
  ui.notice.replaceChildren();
  const p = document.createElement('span');
  p.textContent = html;
  ui.notice.append(p);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn small';
    b.textContent = actionLabel;
    b.addEventListener('click', () => { action(); hideNotice(); });
    ui.notice.append(b);
  }
  ui.notice.hidden = false;
}

function hideNotice() {
  ui.notice.hidden = true;
}

// ---------------------------------------------------------------------------------------
// State display

function computeState() {
  if (!app.callActive) return app.callNumber ? 'ended' : 'idle';
  const pcState = app.pc?.connectionState;
  if (pcState === 'disconnected') return 'reconnecting';
  if (app.serverState && app.serverState !== 'ended') return app.serverState;
  if (pcState === 'connected' && app.dc?.readyState === 'open') return 'listening';
  return 'connecting';
}

function refreshState() {
  setState(computeState());
}

function setState(state) {
  const changed = state !== app.state;
  app.state = state;
  ui.body.dataset.state = state;
  ui.main.dataset.state = state;
  let [label, hint] = STATE_TEXT[state] || [state, ''];
  const failed = state === 'ended' && app.lastError && app.lastError.source !== 'server' && app.lastError.time >= (app.callClickedAt || 0);
  if (failed) label = app.callStartedAt ? 'Call dropped' : 'Could not connect';
  if (ui.stateLabel.textContent !== label) ui.stateLabel.textContent = label;
  let h = hint;
  if (app.callActive && (state === 'listening' || state === 'speaking' || state === 'thinking')) {
    if (app.muted) h = 'Your microphone is muted. Unmute to talk, or type below.';
    else if (app.mode === 'ptt' && state === 'listening') {
      h = app.pttHeld ? 'Talking… release to send.' : 'Hold Space or the Talk button while you speak.';
    }
  }
  if (failed) h = 'See the message above, then press Call to try again.';
  ui.stateHint.textContent = h;
  updateControls();
  if (changed) document.dispatchEvent(new CustomEvent('voicertc:state', { detail: { state } }));
}

function dcOpen() {
  return app.dc?.readyState === 'open';
}

function updateControls() {
  const active = app.callActive;
  const open = active && dcOpen();
  const callFocused = document.activeElement === ui.call || document.activeElement === ui.hangup;
  ui.call.hidden = active;
  ui.hangup.hidden = !active;
  if (callFocused) (active ? ui.hangup : ui.call).focus();
  ui.mute.disabled = !active || !app.micTrack;
  ui.mute.setAttribute('aria-pressed', String(app.muted));
  ui.mute.querySelector('.btn-label').textContent = app.muted ? 'Unmute' : 'Mute';
  ui.ptt.hidden = app.mode !== 'ptt';
  ui.ptt.disabled = !active || !app.micTrack || app.muted;
  ui.ptt.setAttribute('aria-pressed', String(app.pttHeld));
  ui.ptt.querySelector('.btn-label').textContent = app.pttHeld ? 'Talking…' : 'Hold to talk';
  ui.interrupt.disabled = !open;
  ui.textInput.disabled = !open;
  ui.textInput.placeholder = open ? 'Type a message…' : active ? 'Connecting…' : 'Start a call to type a message';
  ui.send.disabled = !open || !ui.textInput.value.trim();
  ui.body.classList.toggle('mic-off', active && !micLive());
  ui.body.classList.toggle('in-call', active);
  ui.effectsNote.textContent = open
    ? 'The assistant keeps this chain. Ask it (“more reverb”, “remove the delay”) or edit here.'
    : 'Not in a call: changes here are a local preview. A call starts with the assistant’s own chain.';
  const pcState = app.pc?.connectionState || (active ? 'new' : 'offline');
  ui.connPill.textContent = active ? pcState : 'offline';
  ui.connPill.dataset.state = active ? pcState : 'offline';
}

function micLive() {
  return !app.muted && (app.mode === 'open' || app.pttHeld);
}

function applyMicEnabled() {
  if (app.micTrack) app.micTrack.enabled = micLive();
  refreshState();
}

function setMuted(muted) {
  app.muted = !!muted;
  if (app.muted) app.pttHeld = false;
  applyMicEnabled();
}

function setMode(mode) {
  app.mode = mode === 'ptt' ? 'ptt' : 'open';
  settings.mode = app.mode;
  saveSettings();
  app.pttHeld = false;
  const radio = $(app.mode === 'ptt' ? 'mode-ptt' : 'mode-open');
  if (!radio.checked) radio.checked = true;
  applyMicEnabled();
}

function setPtt(held) {
  if (app.mode !== 'ptt' || app.muted) held = false;
  if (app.pttHeld === !!held) return;
  app.pttHeld = !!held;
  applyMicEnabled();
}

function formatDuration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function tickTimer() {
  if (app.callActive && app.callStartedAt) {
    ui.timer.textContent = formatDuration(Date.now() - app.callStartedAt);
  }
}

// ---------------------------------------------------------------------------------------
// Call setup

// A server started with --auth-token or --jwt-secret wants a bearer token: open the page
// as /#token=... (kept out of server logs) or /?token=...
function authHeaders() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  const token = fromHash || new URLSearchParams(location.search).get('token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function fetchWithTimeout(url, opts = {}, ms = FETCH_TIMEOUT_MS) {
  opts = { ...opts, headers: { ...(opts.headers || {}), ...authHeaders() } };
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), ms);
  try {
    return await fetch(url, { ...opts, signal: ctl.signal });
  } finally {
    clearTimeout(t);
  }
}

async function getConfig() {
  let resp;
  try {
    resp = await fetchWithTimeout('./config', { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch (err) {
    throw networkError(err, 'asking the server for its connection settings');
  }
  if (resp.status === 404) {
    console.warn('[voicertc] ./config not found; using no ICE servers');
    return { iceServers: [], iceTransportPolicy: 'all' };
  }
  if (!resp.ok) throw await httpError(resp, 'to give its connection settings');
  try {
    return await resp.json();
  } catch {
    throw new UserError('bad_config', 'Unexpected server answer', 'The server sent connection settings this page cannot read.', { source: 'http' });
  }
}

function waitForIceGathering(pc, capMs) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => { if (pc.iceGatheringState === 'complete') done(); };
    const onCandidate = (e) => { if (!e.candidate) done(); };
    const timer = setTimeout(done, capMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

async function postOffer(desc) {
  let resp;
  try {
    resp = await fetchWithTimeout('./offer', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ sdp: desc.sdp, type: desc.type }),
    });
  } catch (err) {
    throw networkError(err, 'starting the call');
  }
  if (!resp.ok) throw await httpError(resp, 'the call');
  let answer;
  try { answer = await resp.json(); } catch { answer = null; }
  if (!answer || typeof answer.sdp !== 'string') {
    throw new UserError('bad_answer', 'Unexpected server answer', 'The server did not send a usable answer to the call offer.', { source: 'http' });
  }
  return answer;
}

async function call() {
  if (app.callActive) return;
  const id = ++app.callId;
  clearError();
  hideNotice();
  app.callActive = true;
  app.callNumber += 1;
  app.serverState = null;
  app.sessionId = null;
  app.session = null;
  app.pc = null;
  app.dc = null;
  app.pttHeld = false;
  app.stats = {};
  app.lastInbound = null;
  app.pings.clear();
  app.callClickedAt = Date.now();
  app.callStartedAt = null;
  app.callEndedAt = null;
  ui.timer.textContent = '';
  ui.latencyLast.textContent = '';
  resetStatsUi();
  app.pendingDivider = `Call ${app.callNumber} · ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  setState('connecting');
  const stale = () => id !== app.callId;
  try {
    if (typeof RTCPeerConnection === 'undefined') {
      throw new UserError('no_webrtc', 'This browser cannot make calls', 'WebRTC is not available here. Use a current Chrome, Edge, Firefox or Safari.', { source: 'client' });
    }
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw insecureError();
    getAudioContext(); // created inside the click so it may start

    const config = await getConfig();
    if (stale()) return;
    const pc = new RTCPeerConnection({
      iceServers: Array.isArray(config.iceServers) ? config.iceServers : [],
      iceTransportPolicy: config.iceTransportPolicy === 'relay' ? 'relay' : 'all',
    });
    app.pc = pc;
    wirePeerConnection(pc, id);

    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints() });
    } catch (err) {
      throw micError(err);
    }
    if (stale()) { stream.getTracks().forEach((t) => t.stop()); return; }
    app.micStream = stream;
    app.micTrack = stream.getAudioTracks()[0];
    app.micTrack.addEventListener('ended', () => {
      if (app.callActive && !stale()) {
        endCall({ error: new UserError('mic_lost', 'Microphone disconnected', 'The microphone stopped (unplugged or taken by another app). Press Call to start again.', { source: 'media' }) });
      }
    });
    applyMicEnabled();
    pc.addTrack(app.micTrack, stream);
    tapMic(stream);

    const dc = pc.createDataChannel('events');
    app.dc = dc;
    wireDataChannel(dc, id);

    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    await waitForIceGathering(pc, ICE_GATHER_CAP_MS);
    if (stale()) return;

    const answer = await postOffer(pc.localDescription);
    if (stale()) {
      if (answer.session_id) deleteSession(answer.session_id);
      return;
    }
    app.sessionId = answer.session_id ?? null;
    $('stat-session').textContent = app.sessionId || '–';
    await pc.setRemoteDescription({ type: answer.type || 'answer', sdp: answer.sdp });
    if (stale()) return;

    app.timers.connect = setTimeout(() => {
      if (!stale() && app.pc?.connectionState !== 'connected') endCall({ error: iceFailedError(true) });
    }, CONNECT_TIMEOUT_MS);
    app.timers.stats = setInterval(pollStats, 1000);
    app.timers.clock = setInterval(tickTimer, 1000);
    refreshState();
  } catch (err) {
    if (stale()) return;
    const e = err instanceof UserError ? err
      : new UserError(err?.name === 'InvalidAccessError' || err?.name === 'OperationError' ? 'webrtc_error' : 'call_failed',
        'The call could not start', `${err?.message || err}`, { source: 'client' });
    endCall({ error: e });
  }
}

function wirePeerConnection(pc, id) {
  pc.addEventListener('track', (e) => {
    if (id !== app.callId) return;
    const stream = e.streams?.[0] || new MediaStream([e.track]);
    app.remoteStream = stream;
    ui.audio.srcObject = stream;
    ui.audio.volume = settings.volume;
    const p = ui.audio.play();
    if (p?.catch) {
      p.catch((err) => {
        if (err?.name === 'NotAllowedError') {
          showNotice('Your browser blocked the assistant’s sound.', { actionLabel: 'Turn sound on', action: () => ui.audio.play().catch(() => {}) });
        }
      });
    }
    tapOutput(stream);
  });
  const onState = () => {
    if (id !== app.callId || !app.callActive) return;
    const s = pc.connectionState || pc.iceConnectionState;
    if (s === 'connected') {
      clearTimeout(app.timers.connect);
      if (!app.callStartedAt) { app.callStartedAt = Date.now(); tickTimer(); }
    }
    if (s === 'failed') {
      endCall({ error: iceFailedError(false) });
      return;
    }
    if (s === 'closed') {
      endCall({ notifyServer: false });
      return;
    }
    refreshState();
  };
  pc.addEventListener('connectionstatechange', onState);
  if (!('connectionState' in RTCPeerConnection.prototype)) pc.addEventListener('iceconnectionstatechange', onState);
}

function wireDataChannel(dc, id) {
  dc.addEventListener('open', () => {
    if (id !== app.callId) return;
    refreshState();
    ping();
    app.timers.ping = setInterval(ping, PING_INTERVAL_MS);
  });
  dc.addEventListener('close', () => {
    if (id !== app.callId || !app.callActive) return;
    // The server closed the channel: the call is over on its side.
    endCall({ notifyServer: false, reason: 'server' });
  });
  dc.addEventListener('message', (e) => {
    if (id !== app.callId) return;
    if (typeof e.data !== 'string') return;
    handleMessage(e.data);
  });
}

function deleteSession(sessionId) {
  try {
    fetch(`./sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', keepalive: true, headers: authHeaders() }).catch(() => {});
  } catch { /* page going away */ }
}

function endCall({ error = null, notifyServer = true, reason = null } = {}) {
  const wasActive = app.callActive;
  app.callId += 1; // cancels anything in flight
  app.callActive = false;
  app.serverState = null;
  app.pttHeld = false;
  for (const key of ['connect', 'stats', 'clock', 'ping']) {
    clearTimeout(app.timers[key]);
    clearInterval(app.timers[key]);
  }
  if (notifyServer && app.sessionId) deleteSession(app.sessionId);
  try { app.dc?.close(); } catch { /* closed */ }
  try { app.pc?.close(); } catch { /* closed */ }
  app.micStream?.getTracks().forEach((t) => t.stop());
  app.micStream = null;
  app.micTrack = null;
  untap('mic');
  untap('out');
  ui.audio.srcObject = null;
  app.remoteStream = null;
  app.callEndedAt = Date.now();
  if (error) showError(error);
  if (wasActive) {
    const dur = app.callStartedAt ? formatDuration(app.callEndedAt - app.callStartedAt) : null;
    ui.timer.textContent = dur ? `Lasted ${dur}` : '';
    if (!app.pendingDivider) addDivider(reason === 'server' ? `The assistant ended the call${dur ? ` · ${dur}` : ''}` : `Call ended${dur ? ` · ${dur}` : ''}`);
  }
  // Mark partial captions of this call as they stand.
  for (const entry of app.transcripts) if (!entry.final && entry.call === app.callNumber) markFinal(entry);
  $('conn-pill').textContent = 'offline';
  setState('ended');
  updateTranscriptButtons();
}

function hangUp() {
  if (!app.callActive) return;
  endCall({ notifyServer: true });
}

// ---------------------------------------------------------------------------------------
// Data channel messages

function send(msg) {
  if (!dcOpen()) return false;
  try {
    app.dc.send(JSON.stringify(msg));
  } catch (err) {
    console.warn('[voicertc] send failed', err);
    return false;
  }
  app.sent.push(msg);
  if (app.sent.length > 1000) app.sent.splice(0, app.sent.length - 1000);
  return true;
}

function handleMessage(raw) {
  let msg;
  try { msg = JSON.parse(raw); } catch { console.warn('[voicertc] non-JSON message', raw); return; }
  if (!msg || typeof msg !== 'object') return;
  app.received.push(msg);
  if (app.received.length > 1000) app.received.splice(0, app.received.length - 1000);
  switch (msg.type) {
    case 'session':
      app.session = msg;
      if (!app.sessionId && msg.session_id) app.sessionId = msg.session_id;
      $('stat-session').textContent = app.sessionId || '–';
      $('stat-upstream').textContent = [msg.upstream === 'embedded' ? 'embedded (offline)' : msg.upstream, msg.model, msg.voice && `voice ${msg.voice}`]
        .filter(Boolean).join(' · ') || '–';
      break;
    case 'state':
      if (typeof msg.state !== 'string') break;
      if (msg.state === 'ended') {
        endCall({ notifyServer: false, reason: 'server' });
      } else {
        app.serverState = msg.state;
        refreshState();
      }
      break;
    case 'transcript':
      onTranscript(msg);
      break;
    case 'effects':
      if (Array.isArray(msg.chain)) setChain(msg.chain);
      break;
    case 'metrics':
      onMetrics(msg);
      break;
    case 'interrupted':
      onInterrupted(msg);
      break;
    case 'pong':
      onPong(msg);
      break;
    case 'error':
      showError({
        code: msg.code || 'server_error',
        title: msg.code === 'bad_effect' ? 'That effect change did not work' : 'The assistant reported a problem',
        message: msg.message || msg.code || 'Unknown error',
        source: 'server',
      });
      break;
    case 'notice':
      showError({
        code: msg.code || 'notice',
        title: msg.code === 'call_ending' ? 'The call will end soon' : 'The call has ended',
        message: msg.message || '',
        source: 'server',
      });
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------
// Captions

function normalizeText(t) {
  return String(t || '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function nearBottom() {
  const c = ui.captions;
  return c.scrollHeight - c.scrollTop - c.clientHeight < 60;
}

function scrollCaptions(force) {
  ui.captions.scrollTop = ui.captions.scrollHeight;
  if (force) ui.captions.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
}

/** The "Call N" divider goes in only once the call has something to show. */
function flushDivider() {
  if (!app.pendingDivider) return;
  const text = app.pendingDivider;
  app.pendingDivider = null;
  if (app.transcripts.length) addDivider(text);
}

function addDivider(text) {
  ui.captionsEmpty.hidden = true;
  const stick = nearBottom();
  const d = document.createElement('div');
  d.className = 'caption-divider';
  d.setAttribute('role', 'separator');
  d.textContent = text;
  ui.captions.append(d);
  if (stick) scrollCaptions();
}

function captionElement(entry) {
  const wrap = document.createElement('div');
  wrap.className = `caption caption-${entry.role === 'user' ? 'user' : 'assistant'}`;
  wrap.dataset.role = entry.role;
  const who = document.createElement('span');
  who.className = 'sr-only';
  who.textContent = entry.role === 'user' ? 'You: ' : 'Assistant: ';
  const text = document.createElement('p');
  text.className = 'caption-text';
  const meta = document.createElement('span');
  meta.className = 'caption-meta';
  wrap.append(who, text, meta);
  entry.el = wrap;
  entry.textEl = text;
  entry.metaEl = meta;
  renderCaption(entry);
  return wrap;
}

function renderCaption(entry) {
  const el = entry.el;
  el.dataset.final = String(!!entry.final);
  if (entry.item_id) el.dataset.itemId = entry.item_id;
  else delete el.dataset.itemId;
  if (entry.typed) el.dataset.typed = 'true';
  if (entry.interrupted) el.dataset.interrupted = 'true';
  entry.textEl.textContent = entry.text;
  const bits = [];
  bits.push(new Date(entry.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  if (entry.typed) bits.push('typed');
  if (entry.latency_ms != null) bits.push(`replied in ${Math.round(entry.latency_ms)} ms`);
  if (entry.interrupted) bits.push('interrupted');
  entry.metaEl.textContent = bits.join(' · ');
}

function markFinal(entry) {
  entry.final = true;
  if (entry.el) renderCaption(entry);
}

function announce(text) {
  ui.announcer.textContent = '';
  requestAnimationFrame(() => { ui.announcer.textContent = text; });
}

function onTranscript(msg) {
  const role = msg.role === 'user' ? 'user' : 'assistant';
  const text = typeof msg.text === 'string' ? msg.text : '';
  const final = !!msg.final;
  const key = msg.item_id ? `id:${msg.item_id}` : `role:${role}:${app.callNumber}`;
  let entry = app.byKey.get(key);
  if (entry && entry.final && !final) return; // a late partial after the final
  if (!entry && role === 'user') {
    // A typed message echoed back as the user's item: adopt the bubble we already show.
    const norm = normalizeText(text);
    entry = app.transcripts.find((t) => t.typed && t.pending && normalizeText(t.text) === norm) || null;
    if (entry) {
      entry.pending = false;
      if (msg.item_id) entry.item_id = msg.item_id;
      app.byKey.set(key, entry);
    }
  }
  const stick = nearBottom();
  if (!entry) {
    if (!text && !final) return;
    flushDivider();
    entry = { item_id: msg.item_id ?? null, role, text, final, time: Date.now(), call: app.callNumber };
    app.transcripts.push(entry);
    app.byKey.set(key, entry);
    ui.captionsEmpty.hidden = true;
    ui.captions.append(captionElement(entry));
  } else {
    entry.text = text || entry.text;
    entry.final = final || entry.final;
    renderCaption(entry);
  }
  if (final) {
    if (!msg.item_id) app.byKey.delete(key);
    if (entry.text) announce(`${role === 'user' ? 'You' : 'Assistant'}: ${entry.text}`);
    const lat = app.turns.find((t) => t.item_id && t.item_id === entry.item_id);
    if (lat && entry.latency_ms == null) { entry.latency_ms = lat.total_ms; renderCaption(entry); }
  }
  if (stick) scrollCaptions();
  updateTranscriptButtons();
}

function sendText(text) {
  const t = String(text ?? '').trim();
  if (!t) return false;
  if (t.length > MAX_TEXT) {
    showError({ code: 'too_long', title: 'Message too long', message: `Messages can be up to ${MAX_TEXT} characters.`, source: 'client' });
    return false;
  }
  if (!send({ type: 'text', text: t })) return false;
  flushDivider();
  const entry = { item_id: null, role: 'user', text: t, final: true, typed: true, pending: true, time: Date.now(), call: app.callNumber };
  app.transcripts.push(entry);
  ui.captionsEmpty.hidden = true;
  ui.captions.append(captionElement(entry));
  scrollCaptions();
  updateTranscriptButtons();
  return true;
}

function onInterrupted(msg) {
  const entry = msg.item_id ? app.byKey.get(`id:${msg.item_id}`) : [...app.transcripts].reverse().find((t) => t.role === 'assistant');
  if (entry) {
    entry.interrupted = true;
    if (typeof msg.audio_end_ms === 'number') entry.audio_end_ms = msg.audio_end_ms;
    entry.final = true; // the assistant will not continue this item
    renderCaption(entry);
  }
  ui.stateHint.textContent = 'Interrupted. Go ahead.';
}

function updateTranscriptButtons() {
  const n = app.transcripts.filter((t) => t.text).length;
  ui.transcriptCount.textContent = String(n);
  for (const id of ['export-txt', 'export-json', 'clear-transcript']) $(id).disabled = n === 0;
}

// ---------------------------------------------------------------------------------------
// Metrics and stats

function onMetrics(msg) {
  app.metrics.push(msg);
  if (msg.turn && typeof msg.turn === 'object') {
    const turn = { ...msg.turn, time: Date.now() };
    app.turns.push(turn);
    if (typeof turn.total_ms === 'number') {
      ui.latencyLast.textContent = `Last reply ${Math.round(turn.total_ms)} ms`;
    }
    const entry = turn.item_id ? app.byKey.get(`id:${turn.item_id}`) : null;
    if (entry && typeof turn.total_ms === 'number') { entry.latency_ms = turn.total_ms; renderCaption(entry); }
    renderLatencyList();
  }
  if (typeof msg.barge_in_ms === 'number') {
    app.bargeIns.push(msg.barge_in_ms);
    $('stat-barge').textContent = `${Math.round(msg.barge_in_ms)} ms`;
  }
}

function renderLatencyList() {
  const list = ui.latencyList;
  list.replaceChildren();
  const recent = app.turns.slice(-6).reverse();
  const max = Math.max(1000, ...recent.map((t) => t.total_ms || 0));
  recent.forEach((t, i) => {
    const li = document.createElement('li');
    const n = app.turns.length - i;
    const parts = [];
    if (typeof t.upstream_ms === 'number') parts.push(`assistant ${Math.round(t.upstream_ms)}`);
    if (typeof t.server_ms === 'number') parts.push(`server ${Math.round(t.server_ms)}`);
    li.innerHTML = '<span class="lat-name"></span><span class="lat-bar"><span></span></span><span class="lat-value"></span>';
    li.querySelector('.lat-name').textContent = `#${n}`;
    li.querySelector('.lat-bar span').style.width = `${Math.min(100, ((t.total_ms || 0) / max) * 100)}%`;
    li.querySelector('.lat-value').textContent = typeof t.total_ms === 'number' ? `${Math.round(t.total_ms)} ms` : '–';
    li.title = parts.length ? `${parts.join(' ms, ')} ms` : '';
    if (parts.length) li.setAttribute('aria-label', `Turn ${n}: ${Math.round(t.total_ms)} ms total, ${parts.join(' ms, ')} ms`);
    list.append(li);
  });
}

function ping() {
  if (!dcOpen()) return;
  const id = ++app.pingSeq;
  app.pings.set(id, performance.now());
  if (app.pings.size > 20) app.pings.delete(app.pings.keys().next().value);
  send({ type: 'ping', id });
}

function onPong(msg) {
  const t0 = app.pings.get(msg.id);
  if (t0 === undefined) return;
  app.pings.delete(msg.id);
  const rtt = performance.now() - t0;
  app.stats.dc_rtt_ms = rtt;
  $('stat-dc-rtt').textContent = `${Math.round(rtt)} ms`;
}

function resetStatsUi() {
  for (const id of ['stat-route', 'stat-rtt', 'stat-jitter', 'stat-loss', 'stat-dc-rtt', 'stat-barge', 'stat-upstream', 'stat-session']) $(id).textContent = '–';
  ui.routeBadge.hidden = true;
}

async function pollStats() {
  const pc = app.pc;
  if (!pc || !app.callActive || pc.connectionState === 'closed') return;
  let report;
  try { report = await pc.getStats(); } catch { return; }
  if (pc !== app.pc) return;
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  let pair = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId) || pair;
  });
  if (!pair) {
    report.forEach((s) => {
      if (s.type === 'candidate-pair' && (s.selected || (s.nominated && s.state === 'succeeded')) && !pair) pair = s;
    });
  }
  let inbound = null;
  let remoteInbound = null;
  report.forEach((s) => {
    const kind = s.kind || s.mediaType;
    if (s.type === 'inbound-rtp' && kind === 'audio') inbound = s;
    if (s.type === 'remote-inbound-rtp' && kind === 'audio') remoteInbound = s;
  });
  const local = pair ? byId.get(pair.localCandidateId) : null;
  const remote = pair ? byId.get(pair.remoteCandidateId) : null;
  const st = app.stats;
  if (local) {
    st.local_candidate_type = local.candidateType;
    st.remote_candidate_type = remote?.candidateType;
    st.route = local.candidateType === 'relay' || remote?.candidateType === 'relay' ? 'relay' : 'direct';
    st.protocol = local.relayProtocol || local.protocol;
  }
  const rttS = pair?.currentRoundTripTime ?? remoteInbound?.roundTripTime;
  if (typeof rttS === 'number') st.rtt_ms = rttS * 1000;
  if (inbound) {
    if (typeof inbound.jitter === 'number') st.jitter_ms = inbound.jitter * 1000;
    const lost = inbound.packetsLost ?? 0;
    const recv = inbound.packetsReceived ?? 0;
    const prev = app.lastInbound;
    if (prev) {
      const dl = lost - prev.lost;
      const dr = recv - prev.recv;
      st.loss_pct = dl + dr > 0 ? (Math.max(0, dl) / (Math.max(0, dl) + dr)) * 100 : 0;
    }
    st.packets_lost = lost;
    st.packets_received = recv;
    app.lastInbound = { lost, recv };
  }
  renderStats();
}

function renderStats() {
  const st = app.stats;
  if (st.route) {
    const detail = st.route === 'relay' ? `relay (TURN${st.protocol ? `, ${st.protocol}` : ''})` : `direct (${st.local_candidate_type}${st.protocol ? `, ${st.protocol}` : ''})`;
    $('stat-route').textContent = detail;
    ui.routeBadge.hidden = false;
    ui.routeBadge.dataset.route = st.route;
    ui.routeBadge.textContent = `${st.route === 'relay' ? 'Relay' : 'Direct'}${st.rtt_ms != null ? ` · ${Math.round(st.rtt_ms)} ms` : ''}`;
    ui.routeBadge.title = `Audio goes ${detail}`;
  }
  if (st.rtt_ms != null) $('stat-rtt').textContent = `${Math.round(st.rtt_ms)} ms`;
  if (st.jitter_ms != null) $('stat-jitter').textContent = `${st.jitter_ms.toFixed(1)} ms`;
  if (st.packets_received != null) {
    $('stat-loss').textContent = `${(st.loss_pct ?? 0).toFixed(1)}% (${st.packets_lost} lost)`;
  }
}

// ---------------------------------------------------------------------------------------
// Meters and waveform

const micMeter = new Meter($('mic-meter'));
const outMeter = new Meter($('out-meter'));
const scope = new Scope($('waveform'));
let rafId = 0;

function makeTap(stream) {
  const ctx = getAudioContext();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  analyser.smoothingTimeConstant = 0.6;
  source.connect(analyser);
  return { source, analyser, data: new Float32Array(analyser.fftSize) };
}

function tapMic(stream) {
  untap('mic');
  try { app.taps.mic = makeTap(stream); } catch (err) { console.warn('[voicertc] mic meter unavailable', err); }
  startViz();
}

function tapOutput(stream) {
  untap('out');
  try { app.taps.out = makeTap(stream); } catch (err) { console.warn('[voicertc] output meter unavailable', err); }
  startViz();
}

function untap(which) {
  const t = app.taps[which];
  if (!t) return;
  try { t.source.disconnect(); } catch { /* gone */ }
  app.taps[which] = null;
}

function startViz() {
  if (!rafId) rafId = requestAnimationFrame(frame);
}

let previewData = null;

function frame() {
  rafId = 0;
  const { mic, out } = app.taps;
  let pct = 0;
  if (mic && app.micTrack?.enabled) pct = Math.max(pct, micMeter.set(levelDb(mic.analyser, mic.data)));
  else micMeter.set(-60);
  if (out) pct = Math.max(pct, outMeter.set(levelDb(out.analyser, out.data)));
  else outMeter.set(-60);
  ui.orbWrap.style.setProperty('--level', pct.toFixed(3));
  const traces = [];
  if (mic && app.micTrack?.enabled) traces.push({ analyser: mic.analyser, data: mic.data, color: '#34d3b0' });
  if (out) traces.push({ analyser: out.analyser, data: out.data, color: '#a78bfa' });
  if (preview.active && preview.analyser) {
    if (!previewData) previewData = new Float32Array(preview.analyser.fftSize);
    traces.push({ analyser: preview.analyser, data: previewData, color: '#f5b94a' });
  }
  if (traces.length) scope.draw(traces);
  else scope.clear();
  if (mic || out || preview.active || micMeter.value > -59.5 || outMeter.value > -59.5) {
    rafId = requestAnimationFrame(frame);
  } else {
    micMeter.reset();
    outMeter.reset();
    ui.orbWrap.style.setProperty('--level', '0');
  }
}

// ---------------------------------------------------------------------------------------
// Effects

const panel = new EffectsPanel({ list: $('effects-chain'), send: (msg) => sendEffect(msg) });
const preview = new EffectsPreview({
  getContext: getAudioContext,
  getConstraints: micConstraints,
  onChange: () => { updatePreviewUi(); startViz(); },
});

function sanitizeChain(chain) {
  return chain
    .filter((i) => i && typeof i === 'object' && typeof i.effect === 'string')
    .map((i) => ({ effect: i.effect, params: i.params && typeof i.params === 'object' ? { ...i.params } : {} }));
}

function setChain(chain) {
  app.chain = sanitizeChain(chain);
  panel.render(app.chain);
  preview.setChain(app.chain);
  ui.effectsCount.textContent = String(app.chain.length);
}

/** Send a client "effect" message; without a call it is applied locally (preview only). */
function sendEffect(msg) {
  const m = { type: 'effect', ...msg };
  if (dcOpen()) return send(m);
  if (app.callActive) {
    showError({ code: 'not_connected', title: 'Not connected yet', message: 'Wait until the call is up, then try again.', source: 'client' });
    return false;
  }
  setChain(applyEffectAction(app.chain, m));
  return false;
}

function initEffectsUi() {
  const select = $('add-effect-type');
  for (const name of EFFECT_NAMES) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = EFFECT_SPECS[name].label;
    o.title = EFFECT_SPECS[name].hint;
    select.append(o);
  }
  $('add-effect').addEventListener('click', () => sendEffect({ action: 'add', effect: select.value }));
  $('reset-effects').addEventListener('click', () => sendEffect({ action: 'reset' }));

  for (const radio of document.querySelectorAll('input[name="effect-source"]')) {
    radio.addEventListener('change', () => { if (radio.checked) chooseSource(radio.value); });
  }
  $('effect-file').addEventListener('change', (e) => {
    const f = e.target.files?.[0];
    if (f) loadPreviewFile(f);
  });
  $('effect-play').addEventListener('click', () => {
    if (preview.playing) preview.stop();
    else preview.play().catch((err) => showError({ code: 'preview_failed', title: 'Cannot play the file', message: String(err?.message || err) }));
  });
  $('effect-loop').addEventListener('change', (e) => preview.setLoop(e.target.checked));
  $('effect-download').addEventListener('click', downloadRendered);
  const vol = $('preview-volume');
  vol.value = String(settings.previewVolume);
  preview.setVolume(settings.previewVolume);
  vol.addEventListener('input', () => {
    settings.previewVolume = Number(vol.value);
    preview.setVolume(settings.previewVolume);
    saveSettings();
  });

  // Drop an audio file anywhere on the page.
  const overlay = $('drop-overlay');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  document.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; depth++; overlay.hidden = false; });
  document.addEventListener('dragleave', (e) => { if (!hasFiles(e)) return; depth = Math.max(0, depth - 1); if (!depth) overlay.hidden = true; });
  document.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const f = [...e.dataTransfer.files].find((x) => !x.type || x.type.startsWith('audio/') || x.type.startsWith('video/')) || e.dataTransfer.files[0];
    if (f) loadPreviewFile(f);
  });
}

async function chooseSource(kind) {
  try {
    if (kind === 'mic' && (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia)) throw insecureError();
    await preview.setSource(kind);
  } catch (err) {
    showError(err instanceof UserError ? err : micError(err));
    $('source-none').checked = true;
    await preview.setSource('none').catch(() => {});
  }
  updatePreviewUi();
}

async function loadPreviewFile(file) {
  $('effects-section').open = true;
  $('source-file').checked = true;
  await chooseSource('file');
  $('file-name').textContent = `Loading ${file.name}…`;
  try {
    await preview.loadFile(file);
    $('render-status').textContent = '';
    $('effect-play').focus({ preventScroll: true });
  } catch (err) {
    showError({ code: 'bad_audio_file', title: 'Cannot read that file', message: `“${file.name}” is not an audio format this browser can decode. Try WAV, MP3, OGG or FLAC.`, source: 'client' });
  }
  updatePreviewUi();
}

function updatePreviewUi() {
  const src = preview.source;
  $('headphones-hint').hidden = src !== 'mic';
  $('file-controls').hidden = src !== 'file';
  const play = $('effect-play');
  play.disabled = !preview.buffer;
  play.setAttribute('aria-pressed', String(preview.playing));
  play.querySelector('.btn-label').textContent = preview.playing ? 'Stop' : 'Play';
  play.querySelector('.icon-play').innerHTML = preview.playing ? '<rect x="7" y="7" width="10" height="10" rx="1.5"/>' : '<path d="M8 5v14l11-7z"/>';
  $('effect-download').disabled = !preview.buffer;
  if (preview.buffer) {
    const secs = preview.buffer.duration;
    $('file-name').textContent = `${preview.fileName} · ${secs < 60 ? `${secs.toFixed(1)} s` : formatDuration(secs * 1000)}`;
  } else if (!$('file-name').textContent.startsWith('Loading')) {
    $('file-name').textContent = 'Choose an audio file, or drop one anywhere on the page';
  }
  ui.body.classList.toggle('previewing', preview.active);
}

async function downloadRendered() {
  if (!preview.buffer) return;
  const status = $('render-status');
  const btn = $('effect-download');
  btn.disabled = true;
  status.textContent = 'Rendering through the effect chain…';
  try {
    const out = await renderOffline(preview.buffer, app.chain);
    const blob = encodeWav(out);
    const base = (preview.fileName || 'audio').replace(/\.[^.]+$/, '');
    downloadBlob(blob, `${base}-voicertc.wav`);
    status.textContent = `Saved ${base}-voicertc.wav (${out.duration.toFixed(1)} s, ${app.chain.length} effect${app.chain.length === 1 ? '' : 's'}).`;
  } catch (err) {
    status.textContent = '';
    showError({ code: 'render_failed', title: 'Rendering failed', message: String(err?.message || err), source: 'client' });
  } finally {
    btn.disabled = !preview.buffer;
  }
}

function downloadBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------------------------------
// Transcript export

function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function exportTranscript(format = 'txt') {
  const items = app.transcripts.filter((t) => t.text);
  if (format === 'json') {
    return JSON.stringify({
      exported_at: new Date().toISOString(),
      session_id: app.sessionId,
      upstream: app.session?.upstream ?? null,
      model: app.session?.model ?? null,
      voice: app.session?.voice ?? null,
      items: items.map((t) => ({
        call: t.call,
        item_id: t.item_id,
        role: t.role,
        text: t.text,
        final: t.final,
        typed: !!t.typed,
        interrupted: !!t.interrupted,
        audio_end_ms: t.audio_end_ms ?? null,
        latency_ms: t.latency_ms ?? null,
        time: new Date(t.time).toISOString(),
      })),
      turns: app.turns,
      barge_in_ms: app.bargeIns,
      effects: app.chain,
    }, null, 2);
  }
  const lines = [`voicertc transcript, ${new Date().toLocaleString()}`];
  if (app.sessionId) lines.push(`session ${app.sessionId}`);
  lines.push('');
  let call = null;
  for (const t of items) {
    if (t.call !== call) {
      call = t.call;
      lines.push(`--- call ${call} ---`);
    }
    const time = new Date(t.time).toLocaleTimeString();
    const tags = [t.typed && 'typed', t.interrupted && 'interrupted', !t.final && 'partial'].filter(Boolean);
    lines.push(`[${time}] ${t.role === 'user' ? 'You' : 'Assistant'}: ${t.text}${tags.length ? ` (${tags.join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function clearTranscript() {
  app.transcripts.length = 0;
  app.byKey.clear();
  for (const n of [...ui.captions.children]) if (n !== ui.captionsEmpty) n.remove();
  ui.captionsEmpty.hidden = false;
  updateTranscriptButtons();
}

// ---------------------------------------------------------------------------------------
// Wiring

function initControls() {
  ui.call.addEventListener('click', () => { call(); });
  ui.hangup.addEventListener('click', hangUp);
  ui.mute.addEventListener('click', () => setMuted(!app.muted));
  ui.interrupt.addEventListener('click', () => send({ type: 'interrupt' }));
  ui.errorDismiss.addEventListener('click', clearError);

  // Push to talk: the button (pointer and keyboard) and Space anywhere outside text fields.
  ui.ptt.addEventListener('pointerdown', (e) => {
    if (ui.ptt.disabled) return;
    ui.ptt.setPointerCapture?.(e.pointerId);
    setPtt(true);
  });
  for (const ev of ['pointerup', 'pointercancel', 'lostpointercapture']) ui.ptt.addEventListener(ev, () => setPtt(false));
  ui.ptt.addEventListener('contextmenu', (e) => e.preventDefault());
  const isTextField = (t) => t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
    || (t.tagName === 'INPUT' && !['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'file'].includes(t.type)));
  window.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.code === 'Space') && app.mode === 'ptt' && app.callActive && !isTextField(e.target)) {
      e.preventDefault();
      if (!e.repeat) setPtt(true);
      return;
    }
    if (e.key === 'Enter' && e.target === ui.ptt && !e.repeat) { e.preventDefault(); setPtt(true); return; }
    if (e.key === 'Escape') {
      if (app.callActive && (app.state === 'speaking' || app.state === 'thinking') && dcOpen()) send({ type: 'interrupt' });
      else if (!ui.error.hidden) clearError();
    }
  }, true);
  window.addEventListener('keyup', (e) => {
    if ((e.key === ' ' || e.code === 'Space') && app.mode === 'ptt' && (app.pttHeld || app.callActive) && !isTextField(e.target)) {
      e.preventDefault();
      setPtt(false);
    }
    if (e.key === 'Enter' && e.target === ui.ptt) setPtt(false);
  }, true);
  window.addEventListener('blur', () => setPtt(false));

  for (const radio of document.querySelectorAll('input[name="input-mode"]')) {
    radio.addEventListener('change', () => { if (radio.checked) setMode(radio.value); });
  }

  ui.textForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (sendText(ui.textInput.value)) {
      ui.textInput.value = '';
      updateControls();
    }
  });
  ui.textInput.addEventListener('input', () => { ui.send.disabled = !dcOpen() || !ui.textInput.value.trim(); });

  // Microphone processing switches.
  const opts = { 'opt-echo': 'echoCancellation', 'opt-noise': 'noiseSuppression', 'opt-agc': 'autoGainControl' };
  for (const [id, key] of Object.entries(opts)) {
    const box = $(id);
    box.checked = !!settings[key];
    box.addEventListener('change', async () => {
      settings[key] = box.checked;
      saveSettings();
      const note = $('constraints-note');
      const c = micConstraints();
      const tasks = [];
      if (app.micTrack) tasks.push(app.micTrack.applyConstraints(c));
      tasks.push(preview.applyConstraints(c));
      try {
        await Promise.all(tasks);
        const s = app.micTrack?.getSettings?.() || {};
        const applied = app.micTrack ? s[key] === undefined || s[key] === box.checked : false;
        note.textContent = app.micTrack
          ? (applied ? 'Applied to the current call.' : 'The browser will apply this on the next call.')
          : 'Will apply on the next call.';
      } catch {
        note.textContent = 'The browser will apply this on the next call.';
      }
    });
  }
  const vol = $('output-volume');
  vol.value = String(settings.volume);
  vol.addEventListener('input', () => {
    settings.volume = Number(vol.value);
    ui.audio.volume = settings.volume;
    saveSettings();
  });

  $('export-txt').addEventListener('click', () => downloadBlob(new Blob([exportTranscript('txt')], { type: 'text/plain;charset=utf-8' }), `voicertc-transcript-${stamp()}.txt`));
  $('export-json').addEventListener('click', () => downloadBlob(new Blob([exportTranscript('json')], { type: 'application/json' }), `voicertc-transcript-${stamp()}.json`));
  $('clear-transcript').addEventListener('click', clearTranscript);

  // Tools panel toggle.
  const toggle = $('panel-toggle');
  const aside = $('side-panel');
  const narrow = window.matchMedia('(max-width: 900px)');
  const setPanel = (open) => {
    aside.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    ui.body.classList.toggle('panel-closed', !open);
  };
  toggle.addEventListener('click', () => {
    const open = aside.hidden;
    setPanel(open);
    if (open && narrow.matches) aside.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });

  window.addEventListener('pagehide', () => {
    if (app.callActive) endCall({ notifyServer: true });
  });
}

function init() {
  initControls();
  initEffectsUi();
  setMode(settings.mode);
  setChain([]);
  updatePreviewUi();
  updateTranscriptButtons();
  setState('idle');
  if (!window.isSecureContext || !navigator.mediaDevices) {
    showNotice('This page is not on a secure connection, so the browser will not give it the microphone. Open it over https:// or on localhost.');
  }
  ui.body.dataset.ready = 'true';
}

// ---------------------------------------------------------------------------------------
// Test hook: window.voicertc (read-only views of live state plus actions).

const hook = {
  call,
  hangUp,
  send,
  sendText,
  sendEffect,
  interrupt: () => send({ type: 'interrupt' }),
  ping,
  setMuted,
  setMode,
  setPtt,
  clearError,
  exportTranscript,
  effects,
  preview,
};
const live = {
  state: () => app.state,
  serverState: () => app.serverState,
  callActive: () => app.callActive,
  sessionId: () => app.sessionId,
  session: () => app.session,
  pc: () => app.pc,
  dc: () => app.dc,
  micTrack: () => app.micTrack,
  remoteStream: () => app.remoteStream,
  audio: () => ui.audio,
  transcripts: () => app.transcripts.map(({ el, textEl, metaEl, ...rest }) => rest),
  chain: () => app.chain,
  lastError: () => app.lastError,
  metrics: () => app.metrics,
  turns: () => app.turns,
  stats: () => app.stats,
  received: () => app.received,
  sent: () => app.sent,
  muted: () => app.muted,
  mode: () => app.mode,
  pttHeld: () => app.pttHeld,
  micEnabled: () => !!app.micTrack?.enabled,
  ready: () => ui.body.dataset.ready === 'true',
};
for (const [name, get] of Object.entries(live)) Object.defineProperty(hook, name, { get, enumerable: true });
window.voicertc = hook;

init();
