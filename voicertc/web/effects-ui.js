// The effects panel's wiring: the chain shown as cards, adding and resetting, and the
// preview player (the chain heard on the mic monitor or on an audio file, Web Audio).

import { EFFECT_NAMES, EFFECT_SPECS, applyEffectAction, encodeWav, renderOffline } from './effects.js';
import { EffectsPanel, EffectsPreview } from './effects-panel.js';
import { $, app, downloadBlob, formatDuration, getAudioContext, micConstraints, record, saveSettings, settings, showError, ui } from './page-state.js';
import { startViz } from './call-stats.js';

const panel = new EffectsPanel({ list: $('effects-chain'), send: (msg) => sendEffect(msg) });
export const preview = new EffectsPreview({
  getContext: getAudioContext,
  getConstraints: micConstraints,
  onChange: () => { updatePreviewUi(); startViz(); },
});

function sanitizeChain(chain) {
  return chain
    .filter((i) => i && typeof i === 'object' && typeof i.effect === 'string')
    .map((i) => ({ effect: i.effect, params: i.params && typeof i.params === 'object' ? { ...i.params } : {} }));
}

export function setChain(chain) {
  app.chain = sanitizeChain(chain);
  panel.render(app.chain);
  preview.setChain(app.chain);
  ui.effectsCount.textContent = String(app.chain.length);
}

/** Sends a client "effect" message; without a call it is applied locally (preview only). */
export function sendEffect(msg) {
  const m = { type: 'effect', ...msg };
  if (app.client?.open) return app.client.applyEffect(m) && record(m);
  if (app.callActive) {
    showError({ code: 'not_connected', title: 'Not connected yet', message: 'Wait until the call is up, then try again.', source: 'client' });
    return false;
  }
  setChain(applyEffectAction(app.chain, m));
  return false;
}

export function initEffectsUi() {
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
    await preview.setSource(kind);
  } catch (err) {
    showError({ code: 'mic_error', title: 'The mic monitor could not start', message: `The browser did not give this page the microphone (${err?.name || err}). Allow it (the microphone or lock icon next to the address), or use an audio file.`, source: 'media' });
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

export function updatePreviewUi() {
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
