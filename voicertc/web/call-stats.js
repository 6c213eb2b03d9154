// The connection panel (route, round trip, jitter, loss, per-turn latency) and the level
// meters and waveform (AnalyserNode taps on the mic and the assistant).

import { renderCaption } from './captions.js';
import { $, app, getAudioContext, ui } from './page-state.js';
import { Meter, Scope, levelDb } from './viz.js';

export function onMetrics(msg) {
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

const PATH_STATS = ['stat-route', 'stat-rtt', 'stat-jitter', 'stat-loss', 'stat-dc-rtt'];

export function resetStatsUi() {
  for (const id of [...PATH_STATS, 'stat-barge', 'stat-upstream', 'stat-session']) $(id).textContent = '–';
  ui.routeBadge.hidden = true;
}

/** While the call reconnects, the figures of the lost path would be read as the call's:
 * they are cleared until the new path reports its own. */
export function markPathLost() {
  for (const id of PATH_STATS) $(id).textContent = '–';
  app.stats = {};
  ui.routeBadge.hidden = false;
  ui.routeBadge.dataset.route = 'reconnecting';
  ui.routeBadge.textContent = 'Reconnecting…';
  ui.routeBadge.title = 'The connection dropped; looking for a new path';
}

/** Polls the call's statistics (route, round trip, jitter, loss) into the panel. */
export async function pollStats() {
  const client = app.client;
  if (!client || !app.callActive || client.state === 'reconnecting') return;
  const st = await client.stats();
  if (client !== app.client || client.state === 'reconnecting') return;
  app.stats = st;
  renderStats();
}

export function renderStats() {
  const st = app.stats;
  if (st.dc_rtt_ms != null) $('stat-dc-rtt').textContent = `${Math.round(st.dc_rtt_ms)} ms`;
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

export function tapMic(stream) {
  untap('mic');
  try { app.taps.mic = makeTap(stream); } catch (err) { console.warn('[voicertc] mic meter unavailable', err); }
  startViz();
}

export function tapOutput(stream) {
  untap('out');
  try { app.taps.out = makeTap(stream); } catch (err) { console.warn('[voicertc] output meter unavailable', err); }
  startViz();
}

export function untap(which) {
  const t = app.taps[which];
  if (!t) return;
  try { t.source.disconnect(); } catch { /* gone */ }
  app.taps[which] = null;
}

export function startViz() {
  if (!rafId) rafId = requestAnimationFrame(frame);
}

let previewData = null;
let preview = null;

/** The effects preview player, whose analyser the waveform also draws. */
export function setPreview(p) {
  preview = p;
}

function frame() {
  rafId = 0;
  const { mic, out } = app.taps;
  let pct = 0;
  if (mic && app.client?.micLive) pct = Math.max(pct, micMeter.set(levelDb(mic.analyser, mic.data)));
  else micMeter.set(-60);
  if (out) pct = Math.max(pct, outMeter.set(levelDb(out.analyser, out.data)));
  else outMeter.set(-60);
  ui.orbWrap.style.setProperty('--level', pct.toFixed(3));
  const traces = [];
  if (mic && app.client?.micLive) traces.push({ analyser: mic.analyser, data: mic.data, color: '#34d3b0' });
  if (out) traces.push({ analyser: out.analyser, data: out.data, color: '#a78bfa' });
  if (preview?.active && preview.analyser) {
    if (!previewData) previewData = new Float32Array(preview.analyser.fftSize);
    traces.push({ analyser: preview.analyser, data: previewData, color: '#f5b94a' });
  }
  if (traces.length) scope.draw(traces);
  else scope.clear();
  if (mic || out || preview?.active || micMeter.value > -59.5 || outMeter.value > -59.5) {
    rafId = requestAnimationFrame(frame);
  } else {
    micMeter.reset();
    outMeter.reset();
    ui.orbWrap.style.setProperty('--level', '0');
  }
}
