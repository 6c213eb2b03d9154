// voicertc web page: a thin UI over voicertc-client.js (the call: peer connection,
// signalling, reconnects), with captions, the effects panel, meters and connection stats.
// Protocol: docs/protocol.md; the library: docs/client.md. No build step.

import { VoiceCall, effectSpecs } from '../voicertc-client.js';
import * as effects from './effects.js';
import { setEffectSpecs } from './effects.js';
import { addDivider, addTypedCaption, clearTranscript, exportTranscript, markFinal, onInterrupted, onTranscript, stamp, updateTranscriptButtons } from './captions.js';
import { markPathLost, onMetrics, pollStats, resetStatsUi, setPreview, tapMic, tapOutput, untap } from './call-stats.js';
import { initEffectsUi, preview, sendEffect, setChain, updatePreviewUi } from './effects-ui.js';
import { $, app, clearError, downloadBlob, formatDuration, getAudioContext, hideNotice, micConstraints, record, saveSettings, send, settings, showError, showNotice, ui } from './page-state.js';

const MAX_TEXT = 4000;

const STATE_TEXT = {
  idle: ['Ready', 'Press Call and talk. Ask for effects: “add some reverb”, “cut the lows”.'],
  connecting: ['Connecting…', 'Setting up the call. Allow the microphone if your browser asks.'],
  listening: ['Listening', 'Go ahead and talk. You can cut in while the assistant speaks.'],
  thinking: ['Thinking…', 'The assistant is working on an answer.'],
  speaking: ['Speaking', 'Talk over it or press Interrupt (Esc) to cut in.'],
  reconnecting: ['Reconnecting…', 'The connection dropped. Reconnecting to the same conversation.'],
  ended: ['Call ended', 'Press Call to talk again. Save the conversation with the .txt or .json buttons.'],
};

setPreview(preview);

function computeState() {
  if (!app.callActive) return app.callNumber ? 'ended' : 'idle';
  return app.client?.state || 'connecting';
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
    if (!app.client?.micTrack && app.client?.micProblem) h = 'No microphone on this call: type below, and the assistant answers aloud.';
    else if (app.muted) h = 'Your microphone is muted. Unmute to talk, or type below.';
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
  return !!app.client?.open;
}

function updateControls() {
  const active = app.callActive;
  const open = active && dcOpen();
  const callFocused = document.activeElement === ui.call || document.activeElement === ui.hangup;
  ui.call.hidden = active;
  ui.hangup.hidden = !active;
  if (callFocused) (active ? ui.hangup : ui.call).focus();
  ui.mute.disabled = !active || !app.client?.micTrack;
  ui.mute.setAttribute('aria-pressed', String(app.muted));
  ui.mute.querySelector('.btn-label').textContent = app.muted ? 'Unmute' : 'Mute';
  ui.ptt.hidden = app.mode !== 'ptt';
  ui.ptt.disabled = !active || !app.client?.micTrack || app.muted;
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
  const pcState = app.client?.pc?.connectionState || (active ? 'new' : 'offline');
  ui.connPill.textContent = active ? pcState : 'offline';
  ui.connPill.dataset.state = active ? pcState : 'offline';
}

function micLive() {
  return !!app.client?.micTrack && !app.muted && (app.mode === 'open' || app.pttHeld);
}

/** The page's input settings onto the call (the library switches the mic track). */
function applyMicEnabled() {
  const c = app.client;
  if (c && !c.ended) {
    c.mute(app.muted);
    if (app.mode === 'ptt') c.pushToTalk(app.pttHeld);
    else c.setMode('open');
  }
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

function tickTimer() {
  if (app.callActive && app.callStartedAt) {
    ui.timer.textContent = formatDuration(Date.now() - app.callStartedAt);
  }
}

// ---------------------------------------------------------------------------------------
// The call, over voicertc-client.js

// A server started with --auth-token or --jwt-secret wants a bearer token: open the page
// as /#token=... (kept out of server logs) or /?token=...
function pageToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  return fromHash || new URLSearchParams(location.search).get('token') || null;
}

const MIC_HELP = {
  mic_denied: 'Typing works, and you hear the assistant. To talk, allow the microphone (the microphone or lock icon next to the address), then hang up and call again.',
  no_microphone: 'Typing works, and you hear the assistant. To talk, plug in a microphone or headset, then hang up and call again.',
  insecure_context: 'Typing works, and you hear the assistant. To talk, open this page over https:// or on localhost.',
};

async function call() {
  if (app.callActive) return;
  clearError();
  hideNotice();
  app.callActive = true;
  app.callNumber += 1;
  app.pttHeld = false;
  app.stats = {};
  app.callClickedAt = Date.now();
  app.callStartedAt = null;
  app.callEndedAt = null;
  ui.timer.textContent = '';
  ui.latencyLast.textContent = '';
  resetStatsUi();
  app.pendingDivider = `Call ${app.callNumber} · ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  getAudioContext(); // created inside the click so it may start
  const client = new VoiceCall({
    url: './', token: pageToken(), element: ui.audio, audioConstraints: micConstraints(), mode: app.mode,
  });
  app.client = client;
  wireClient(client);
  setState('connecting');
  ui.audio.volume = settings.volume;
  try {
    await client.start();
  } catch {
    return; // shown by the 'error' and 'ended' events
  }
  if (client !== app.client || client.ended) return;
  applyMicEnabled();
  tapCall(client);
  $('stat-session').textContent = client.sessionId || '–';
  app.timers.stats = setInterval(pollStats, 1000);
  app.timers.clock = setInterval(tickTimer, 1000);
  refreshState();
}

function wireClient(client) {
  const mine = (fn) => (value) => { if (client === app.client) fn(value); };
  client.on('state', mine(() => {
    if (client.connectedAt && !app.callStartedAt) { app.callStartedAt = Date.now(); tickTimer(); }
    refreshState();
  }));
  client.on('connection', mine(() => refreshState()));
  client.on('message', mine((msg) => {
    app.received.push(msg);
    if (app.received.length > 1000) app.received.splice(0, app.received.length - 1000);
    if (msg.type === 'session') {
      $('stat-session').textContent = client.sessionId || '–';
      $('stat-upstream').textContent = [msg.upstream === 'embedded' ? 'embedded (offline)' : msg.upstream, msg.model, msg.voice && `voice ${msg.voice}`]
        .filter(Boolean).join(' · ') || '–';
    } else if (msg.type === 'interrupted') {
      onInterrupted(msg);
    }
  }));
  client.on('transcript', mine(onTranscript));
  client.on('effects', mine(({ chain }) => setChain(chain)));
  client.on('metrics', mine(onMetrics));
  client.on('notice', mine(onNotice));
  client.on('error', mine((e) => showError({
    ...e,
    title: e.title || (e.code === 'bad_effect' ? 'That effect change did not work' : 'The assistant reported a problem'),
    message: e.message || e.code || 'Unknown error',
  })));
  client.on('ended', mine(({ reason }) => endCall(reason)));
}

/** The meters listen to the call's microphone and to the assistant's stream. */
function tapCall(client) {
  if (client.micStream) tapMic(client.micStream);
  if (client.remoteStream) tapOutput(client.remoteStream);
}

function onNotice(n) {
  if (n.kind === 'microphone') {
    showNotice(`${n.title}. ${MIC_HELP[n.code] || n.message}`, { code: n.code });
  } else if (n.code === 'autoplay_blocked') {
    showNotice('Your browser blocked the assistant’s sound.', { code: n.code, actionLabel: 'Turn sound on', action: () => app.client?.playAudio() });
  } else if (n.code === 'reconnecting') {
    showNotice('The connection dropped. Reconnecting to the same conversation…', { code: n.code });
    markPathLost();
  } else if (n.code === 'reconnected') {
    if (ui.notice.dataset.code === 'reconnecting') hideNotice();
    tapCall(app.client);
    pollStats();
  } else if (n.code === 'recording') {
    // The server records this call (--record-dir): the caller must be able to see it.
    showNotice(`● ${n.message || 'This call is being recorded.'}`, { code: n.code });
  } else if (n.source === 'server') {
    showError({ code: n.code || 'notice', title: n.code === 'call_ending' ? 'The call will end soon' : 'The call has ended', message: n.message || '', source: 'server' });
  }
  refreshState();
}

function endCall(reason) {
  const wasActive = app.callActive;
  app.callActive = false;
  app.pttHeld = false;
  for (const key of ['stats', 'clock']) clearInterval(app.timers[key]);
  untap('mic');
  untap('out');
  app.callEndedAt = Date.now();
  if (wasActive) {
    const dur = app.callStartedAt ? formatDuration(app.callEndedAt - app.callStartedAt) : null;
    ui.timer.textContent = dur ? `Lasted ${dur}` : '';
    if (!app.pendingDivider) addDivider(reason === 'server' ? `The assistant ended the call${dur ? ` · ${dur}` : ''}` : `Call ended${dur ? ` · ${dur}` : ''}`);
  }
  // Mark partial captions of this call as they stand.
  for (const entry of app.transcripts) if (!entry.final && entry.call === app.callNumber) markFinal(entry);
  if (ui.notice.dataset.code === 'reconnecting') hideNotice();
  setState('ended');
  updateTranscriptButtons();
}

function hangUp() {
  if (app.callActive) app.client?.hangUp();
}

function sendText(text) {
  const t = String(text ?? '').trim();
  if (!t) return false;
  if (t.length > MAX_TEXT) {
    showError({ code: 'too_long', title: 'Message too long', message: `Messages can be up to ${MAX_TEXT} characters.`, source: 'client' });
    return false;
  }
  if (!app.client?.open || !app.client.sendText(t)) return false;
  record({ type: 'text', text: t });
  addTypedCaption(t);
  return true;
}

function interrupt() {
  return !!app.client?.interrupt() && record({ type: 'interrupt' });
}

function initControls() {
  ui.call.addEventListener('click', () => { call(); });
  ui.hangup.addEventListener('click', hangUp);
  ui.mute.addEventListener('click', () => setMuted(!app.muted));
  ui.interrupt.addEventListener('click', interrupt);
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
      if (app.callActive && (app.state === 'speaking' || app.state === 'thinking') && dcOpen()) interrupt();
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
      const micTrack = app.client?.micTrack;
      if (micTrack) tasks.push(micTrack.applyConstraints(c));
      tasks.push(preview.applyConstraints(c));
      try {
        await Promise.all(tasks);
        const s = micTrack?.getSettings?.() || {};
        const applied = micTrack ? s[key] === undefined || s[key] === box.checked : false;
        note.textContent = micTrack
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

  window.addEventListener('pagehide', hangUp);
}

async function init() {
  try {
    setEffectSpecs(await effectSpecs({ url: './', token: pageToken() }));
  } catch (err) {
    showError({ ...err, title: 'The effect list could not be loaded', source: 'http' });
  }
  initControls();
  initEffectsUi();
  setMode(settings.mode);
  setChain([]);
  updatePreviewUi();
  updateTranscriptButtons();
  setState('idle');
  if (!window.isSecureContext || !navigator.mediaDevices) {
    showNotice('This page is not on a secure connection, so the browser will not give it the microphone: you can type and listen. To talk, open it over https:// or on localhost.', { code: 'insecure_context' });
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
  interrupt,
  ping: () => app.client?.ping(),
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
  serverState: () => (app.callActive ? app.client?.serverState ?? null : null),
  callActive: () => app.callActive,
  client: () => app.client,
  sessionId: () => app.client?.sessionId ?? null,
  session: () => app.client?.session ?? null,
  pc: () => app.client?.pc ?? null,
  dc: () => app.client?.dc ?? null,
  micTrack: () => app.client?.micTrack ?? null,
  remoteStream: () => app.client?.remoteStream ?? null,
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
  micEnabled: () => !!app.client?.micTrack?.enabled,
  ready: () => ui.body.dataset.ready === 'true',
};
for (const [name, get] of Object.entries(live)) Object.defineProperty(hook, name, { get, enumerable: true });
window.voicertc = hook;

init();
