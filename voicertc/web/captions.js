// Captions of the conversation (both roles, partials replaced in place), and its export.

import { $, app, ui } from './page-state.js';

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
export function flushDivider() {
  if (!app.pendingDivider) return;
  const text = app.pendingDivider;
  app.pendingDivider = null;
  if (app.transcripts.length) addDivider(text);
}

export function addDivider(text) {
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

export function renderCaption(entry) {
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

export function markFinal(entry) {
  entry.final = true;
  if (entry.el) renderCaption(entry);
}

function announce(text) {
  ui.announcer.textContent = '';
  requestAnimationFrame(() => { ui.announcer.textContent = text; });
}

export function onTranscript(msg) {
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

/** The bubble of a message the user typed; the server's echo of it adopts it. */
export function addTypedCaption(t) {
  flushDivider();
  const entry = { item_id: null, role: 'user', text: t, final: true, typed: true, pending: true, time: Date.now(), call: app.callNumber };
  app.transcripts.push(entry);
  ui.captionsEmpty.hidden = true;
  ui.captions.append(captionElement(entry));
  scrollCaptions();
  updateTranscriptButtons();
}

export function onInterrupted(msg) {
  const entry = msg.item_id ? app.byKey.get(`id:${msg.item_id}`) : [...app.transcripts].reverse().find((t) => t.role === 'assistant');
  if (entry) {
    entry.interrupted = true;
    if (typeof msg.audio_end_ms === 'number') entry.audio_end_ms = msg.audio_end_ms;
    entry.final = true; // the assistant will not continue this item
    renderCaption(entry);
  }
  ui.stateHint.textContent = 'Interrupted. Go ahead.';
}

export function updateTranscriptButtons() {
  const n = app.transcripts.filter((t) => t.text).length;
  ui.transcriptCount.textContent = String(n);
  for (const id of ['export-txt', 'export-json', 'clear-transcript']) $(id).disabled = n === 0;
}

export function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function exportTranscript(format = 'txt') {
  const items = app.transcripts.filter((t) => t.text);
  if (format === 'json') {
    return JSON.stringify({
      exported_at: new Date().toISOString(),
      session_id: app.client?.sessionId ?? null,
      upstream: app.client?.session?.upstream ?? null,
      model: app.client?.session?.model ?? null,
      voice: app.client?.session?.voice ?? null,
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
  if (app.client?.sessionId) lines.push(`session ${app.client.sessionId}`);
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

export function clearTranscript() {
  app.transcripts.length = 0;
  app.byKey.clear();
  for (const n of [...ui.captions.children]) if (n !== ui.captionsEmpty) n.remove();
  ui.captionsEmpty.hidden = false;
  updateTranscriptButtons();
}
