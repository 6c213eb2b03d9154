// voicertc-client.js: talk with a voicertc assistant from any web page.
//
//   import { connect } from 'https://voice.example/voicertc-client.js';
//   const call = await connect({ url: 'https://voice.example', token });
//   call.on('transcript', (t) => console.log(t.role, t.text));
//   call.sendText('add some reverb');
//
// An ES module with no build step and no dependencies; types in voicertc-client.d.ts,
// documentation in docs/client.md, the wire protocol in docs/protocol.md. The call owns
// its RTCPeerConnection, the <audio> element the assistant plays in (so the browser's
// echo canceller can subtract it from the microphone), the signalling, the reconnects
// after a network drop and the bearer token's refresh.

import { Signalling, VoiceError, effectSpecs, firstCandidate, iceFailed, micProblem, whenConnected } from './static/client-http.js';
import { callStats } from './static/client-stats.js';

export { VoiceError, effectSpecs };

const CONNECT_TIMEOUT_MS = 25000;
const PING_INTERVAL_MS = 5000;
const FIRST_CANDIDATE_CAP_MS = 250;
const DISCONNECT_GRACE_MS = 2000;
const RESUME_ATTEMPT_MS = 10000;
const MAX_TEXT = 4000;
const EFFECT_ACTIONS = ['add', 'remove', 'set', 'increase', 'decrease', 'reset', 'move'];
const EVENTS = ['state', 'transcript', 'effects', 'metrics', 'notice', 'error', 'ended', 'message', 'connection'];

/**
 * One call. `connect()` makes and starts one; a page that wants to listen to events
 * before the call starts can `new VoiceCall(options)`, subscribe, then `await call.start()`.
 */
export class VoiceCall {
  constructor(options = {}) {
    this.options = { audio: true, reconnect: true, resumeSeconds: 30, trickle: true, mode: 'open', ...options };
    this.signalling = new Signalling(this.options);
    this.state = 'connecting';
    this.serverState = null;
    this.sessionId = null;
    this.session = null;
    this.pc = null;
    this.dc = null;
    this.micStream = null;
    this.micTrack = null;
    this.micProblem = null;
    this.remoteStream = null;
    this.chain = [];
    this.muted = false;
    this.mode = this.options.mode === 'ptt' ? 'ptt' : 'open';
    this.pttHeld = false;
    this.ended = false;
    this.connectedAt = null;
    this.reconnects = 0;
    this.timings = {};
    this._resumeToken = null;
    this._handlers = new Map(EVENTS.map((n) => [n, new Set()]));
    this._timers = {};
    this._pings = new Map();
    this._pingSeq = 0;
    this._dcRtt = null;
    this._lastInbound = null;
    this._resuming = null;
    this._generation = 0;
    this._first = true;
    const el = this.options.element;
    this.element = el || Object.assign(document.createElement('audio'), { autoplay: true });
    this.element.autoplay = true;
    this.element.playsInline = true;
    if (!el) {
      this.element.hidden = true;
      this._ownElement = true;
    }
  }

  /** Subscribes `fn` to `name`; returns a function that unsubscribes it. */
  on(name, fn) {
    const set = this._handlers.get(name);
    if (!set) throw new TypeError(`Unknown event ${name}; one of ${EVENTS.join(', ')}`);
    set.add(fn);
    return () => set.delete(fn);
  }

  off(name, fn) {
    this._handlers.get(name)?.delete(fn);
  }

  _emit(name, value) {
    for (const fn of [...this._handlers.get(name)]) {
      try { fn(value); } catch (err) { console.error('[voicertc] handler for', name, 'failed', err); }
    }
  }

  // -- setting up -------------------------------------------------------------------

  /** Connects: resolves once the server answered; rejects with a VoiceError if it cannot. */
  async start() {
    if (this.pc || this.ended) throw new VoiceError('already_started', 'Already started', 'start() runs once per call.');
    this.timings.start = performance.now();
    this._refresh();
    try {
      if (typeof RTCPeerConnection === 'undefined') {
        throw new VoiceError('no_webrtc', 'This browser cannot make calls', 'WebRTC is not available here. Use a current Chrome, Edge, Firefox or Safari.');
      }
      if (this._ownElement) document.body.append(this.element);
      const [config] = await Promise.all([this.signalling.config(), this.options.audio ? this._openMic() : null]);
      this._iceConfig = config; // one answer per call: reconnects reuse it
      await this._negotiate(null);
      if (this.ended) return this;
      this._timers.connect = setTimeout(() => {
        if (!this.ended && !this.connectedAt) this._end({ error: iceFailed(true), notifyServer: true });
      }, CONNECT_TIMEOUT_MS);
      this._timers.ping = setInterval(() => this.ping(), PING_INTERVAL_MS);
    } catch (err) {
      const e = err instanceof VoiceError ? err
        : new VoiceError(['InvalidAccessError', 'OperationError'].includes(err?.name) ? 'webrtc_error' : 'call_failed',
          'The call could not start', `${err?.message || err}`);
      if (!this.ended) this._end({ error: e, notifyServer: true });
      throw e;
    }
    return this;
  }

  async _openMic() {
    try {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw { code: 'insecure_context' };
      const constraints = this.options.audioConstraints || { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
      this.micStream = await navigator.mediaDevices.getUserMedia({ audio: constraints });
      this.micTrack = this.micStream.getAudioTracks()[0];
      this._applyMic();
      this.micTrack.addEventListener('ended', () => {
        if (this.ended) return;
        this.micTrack = null;
        this._micUnavailable({ code: 'mic_lost', title: 'Microphone disconnected', message: 'The microphone stopped (unplugged or taken by another app). You can still type to the assistant and hear it.', source: 'media' });
      });
    } catch (err) {
      this._micUnavailable(micProblem(err));
    }
  }

  _micUnavailable(problem) {
    this.micProblem = problem;
    this._emit('notice', { ...problem, kind: 'microphone' });
    this._refresh();
  }

  /** A new peer connection, offered with the first candidates; the rest trickle after. */
  async _negotiate(resumeToken) {
    const generation = ++this._generation;
    const config = this._iceConfig;
    const pc = new RTCPeerConnection({
      iceServers: Array.isArray(config.iceServers) ? config.iceServers : [],
      iceTransportPolicy: config.iceTransportPolicy === 'relay' ? 'relay' : 'all',
    });
    this.pc = pc;
    this._wirePeer(pc, generation);
    if (this.micTrack) pc.addTrack(this.micTrack, this.micStream);
    else pc.addTransceiver('audio', { direction: 'recvonly' });
    const dc = pc.createDataChannel('events');
    this.dc = dc;
    this._wireChannel(dc, generation);
    const pending = [];
    let sessionId = null;
    let offered = '';
    const trickle = (candidate) => {
      if (!sessionId) { pending.push(candidate); return; }
      if (candidate && offered.includes(candidate.candidate)) return;
      this._sendCandidates(sessionId, [candidate], generation);
    };
    if (this.options.trickle) pc.addEventListener('icecandidate', (e) => { if (generation === this._generation) trickle(e.candidate); });
    await pc.setLocalDescription(await pc.createOffer());
    if (this.options.trickle) await firstCandidate(pc, FIRST_CANDIDATE_CAP_MS);
    else await new Promise((resolve) => { const check = () => pc.iceGatheringState === 'complete' && resolve(); pc.addEventListener('icegatheringstatechange', check); check(); });
    offered = pc.localDescription.sdp;
    this.timings.offer = performance.now();
    const body = { sdp: offered, type: 'offer' };
    if (this.options.trickle) body.trickle = pc.iceGatheringState !== 'complete';
    if (resumeToken) body.resume = resumeToken;
    const answer = await this.signalling.json('offer', { method: 'POST', json: body, what: 'starting the call', refusal: 'the call' });
    if (!answer || typeof answer.sdp !== 'string') {
      throw new VoiceError('bad_answer', 'Unexpected server answer', 'The server did not send a usable answer to the call offer.', { source: 'http' });
    }
    if (generation !== this._generation || this.ended) {
      if (!resumeToken && answer.session_id) this._deleteSession(answer.session_id);
      return;
    }
    this.timings.answer = performance.now();
    this.sessionId = answer.session_id ?? this.sessionId;
    this._resumeToken = answer.resume_token ?? null;
    sessionId = this.sessionId;
    await pc.setRemoteDescription({ type: answer.type || 'answer', sdp: answer.sdp });
    if (body.trickle && sessionId) {
      const batch = pending.splice(0).filter((c) => !c || !offered.includes(c.candidate));
      if (batch.length) this._sendCandidates(sessionId, batch, generation);
    }
    this._refresh();
  }

  _sendCandidates(sessionId, candidates, generation) {
    const list = candidates.filter(Boolean).map((c) => ({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex }));
    const done = candidates.some((c) => !c);
    // Sent in order: each PATCH waits for the one before it.
    this._trickleChain = (this._trickleChain || Promise.resolve()).then(async () => {
      if (generation !== this._generation || this.ended) return;
      try {
        const resp = await this.signalling.request(`sessions/${encodeURIComponent(sessionId)}`, {
          method: 'PATCH', json: { candidates: list, done }, what: 'sending network candidates',
        });
        if (!resp.ok) console.warn('[voicertc] candidates refused', resp.status);
      } catch (err) {
        console.warn('[voicertc] candidates not sent', err);
      }
    });
  }

  _wirePeer(pc, generation) {
    pc.addEventListener('track', (e) => {
      if (generation !== this._generation) return;
      this.remoteStream = e.streams?.[0] || new MediaStream([e.track]);
      this.element.srcObject = this.remoteStream;
      this.playAudio();
    });
    pc.addEventListener('connectionstatechange', () => {
      if (generation !== this._generation || this.ended) return;
      const s = pc.connectionState;
      this._emit('connection', { state: s });
      clearTimeout(this._timers.grace);
      if (s === 'connected') {
        clearTimeout(this._timers.connect);
        if (!this.connectedAt) {
          this.connectedAt = Date.now();
          this.timings.connected = performance.now();
        }
      } else if (s === 'failed') {
        if (this.connectedAt && this._canResume()) this._resume('ice_failed');
        else this._end({ error: iceFailed(false), notifyServer: true });
        return;
      } else if (s === 'disconnected' && this.connectedAt && this._canResume()) {
        this._timers.grace = setTimeout(() => {
          if (generation === this._generation && pc.connectionState !== 'connected') this._resume('ice_disconnected');
        }, DISCONNECT_GRACE_MS);
      } else if (s === 'closed') {
        this._end({ notifyServer: false });
        return;
      }
      this._refresh();
    });
  }

  _wireChannel(dc, generation) {
    dc.addEventListener('open', () => {
      if (generation !== this._generation) return;
      this._refresh();
      this.ping();
    });
    dc.addEventListener('close', () => {
      if (generation !== this._generation || this.ended || this._resuming) return;
      // With the path still up, the server closed the channel: the call is over there.
      if (this.pc?.connectionState === 'connected' || !this._canResume()) this._end({ notifyServer: false, reason: 'server' });
      else this._resume('channel_closed');
    });
    dc.addEventListener('message', (e) => {
      if (generation !== this._generation || typeof e.data !== 'string') return;
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (msg && typeof msg === 'object') this._onMessage(msg);
    });
  }

  // -- reconnecting -----------------------------------------------------------------

  _canResume() {
    return this.options.reconnect && !!this._resumeToken;
  }

  /** New peer connections with backoff until one carries the same session again. */
  _resume(why) {
    if (this._resuming || this.ended) return;
    const started = Date.now();
    this._resuming = true; // before the first refresh below: the state is 'reconnecting'
    this._resuming = (async () => {
      this._emit('notice', { code: 'reconnecting', kind: 'connection', reason: why, title: 'Reconnecting', message: 'The connection dropped; reconnecting to the same conversation.' });
      this._refresh();
      for (let attempt = 0; !this.ended; attempt++) {
        const old = this.pc;
        this._generation++; // the old connection's events are stale from here
        try { old?.close(); } catch { /* closed */ }
        try {
          this.connectedAt = null;
          await this._negotiate(this._resumeToken);
          await whenConnected(this.pc, this.dc, RESUME_ATTEMPT_MS);
          this.connectedAt = Date.now();
          this.reconnects++;
          this._emit('notice', { code: 'reconnected', kind: 'connection', title: 'Reconnected', message: 'The call is back.' });
          break;
        } catch (err) {
          if (err?.status === 404 || err?.status === 409) {
            this._end({ error: new VoiceError('resume_failed', 'The call could not be resumed', err.message, { source: 'http', status: err.status }), notifyServer: false });
            break;
          }
          const left = started + this.options.resumeSeconds * 1000 - Date.now();
          if (left <= 0) {
            this._end({ error: new VoiceError('connection_lost', 'The connection was lost', 'The call could not reconnect in time. Check your network and call again.', { source: 'network' }), notifyServer: true });
            break;
          }
          await new Promise((r) => { this._timers.backoff = setTimeout(r, Math.min(left, 500 * 2 ** Math.min(attempt, 4))); });
        }
      }
      this._resuming = null;
      this._refresh();
    })();
  }

  // -- messages ---------------------------------------------------------------------

  _onMessage(msg) {
    this._emit('message', msg);
    switch (msg.type) {
      case 'session':
        this.session = msg;
        this.sessionId = this.sessionId || msg.session_id || null;
        break;
      case 'state':
        if (msg.state === 'ended') this._end({ notifyServer: false, reason: 'server' });
        else if (typeof msg.state === 'string') { this.serverState = msg.state; this._refresh(); }
        break;
      case 'transcript': this._emit('transcript', msg); break;
      case 'effects':
        if (Array.isArray(msg.chain)) { this.chain = msg.chain; this._emit('effects', { chain: msg.chain }); }
        break;
      case 'metrics': this._emit('metrics', msg); break;
      case 'notice': this._emit('notice', { ...msg, kind: 'server', source: 'server' }); break;
      case 'error': this._emit('error', { ...msg, code: msg.code || 'server_error', source: 'server' }); break;
      case 'pong': {
        const t0 = this._pings.get(msg.id);
        if (t0 !== undefined) { this._pings.delete(msg.id); this._dcRtt = performance.now() - t0; }
        break;
      }
      default: break;
    }
  }

  /** Sends one protocol message (docs/protocol.md); false when the channel is not open. */
  send(msg) {
    if (this.dc?.readyState !== 'open') return false;
    try { this.dc.send(JSON.stringify(msg)); } catch { return false; }
    return true;
  }

  get open() {
    return !this.ended && this.dc?.readyState === 'open';
  }

  sendText(text) {
    const t = String(text ?? '').trim();
    if (!t) return false;
    if (t.length > MAX_TEXT) throw new VoiceError('too_long', 'Message too long', `Messages can be up to ${MAX_TEXT} characters.`);
    return this.send({ type: 'text', text: t });
  }

  applyEffect(change) {
    if (!change || !EFFECT_ACTIONS.includes(change.action)) {
      throw new VoiceError('bad_effect', 'Unknown effect action', `action must be one of ${EFFECT_ACTIONS.join(', ')}.`);
    }
    return this.send({ ...change, type: 'effect' });
  }

  interrupt() {
    return this.send({ type: 'interrupt' });
  }

  ping() {
    const id = ++this._pingSeq;
    if (!this.send({ type: 'ping', id })) return;
    this._pings.set(id, performance.now());
    if (this._pings.size > 20) this._pings.delete(this._pings.keys().next().value);
  }

  // -- microphone -------------------------------------------------------------------

  get micLive() {
    return !!this.micTrack && !this.muted && (this.mode === 'open' || this.pttHeld);
  }

  _applyMic() {
    if (this.micTrack) this.micTrack.enabled = this.micLive;
    this._refresh();
  }

  mute(muted = true) {
    this.muted = !!muted;
    if (this.muted) this.pttHeld = false;
    this._applyMic();
  }

  /** 'open' (the mic is always live) or 'ptt' (live only while `pushToTalk(true)`). */
  setMode(mode) {
    this.mode = mode === 'ptt' ? 'ptt' : 'open';
    this.pttHeld = false;
    this._applyMic();
  }

  /** Holds (true) or releases (false) the talk button; the first call switches to 'ptt'. */
  pushToTalk(held) {
    if (this.mode !== 'ptt') this.mode = 'ptt';
    const h = !!held && !this.muted;
    if (h === this.pttHeld) return;
    this.pttHeld = h;
    this._applyMic();
    // With the server's turn detection off the button ends the turn: pressing it cuts
    // the assistant off, releasing it commits what was said (docs/protocol.md).
    if (this.session?.turn_detection === 'none') this.send({ type: h ? 'interrupt' : 'commit' });
  }

  /** Plays the assistant (after a click, when the browser blocked autoplay). */
  playAudio() {
    const p = this.element.play();
    p?.catch?.((err) => {
      if (err?.name === 'NotAllowedError') {
        this._emit('notice', { code: 'autoplay_blocked', kind: 'audio', title: 'Sound blocked', message: 'Your browser blocked the assistant’s sound. Click to turn it on.' });
      }
    });
    return p;
  }

  // -- state ------------------------------------------------------------------------

  _computeState() {
    if (this.ended) return 'ended';
    const s = this.pc?.connectionState;
    if (this._resuming || (this.connectedAt && s === 'disconnected')) return 'reconnecting';
    if (this.serverState) return this.serverState;
    if (s === 'connected' && this.dc?.readyState === 'open') return 'listening';
    return 'connecting';
  }

  _refresh() {
    const state = this._computeState();
    if (state === this.state && !this._first) return;
    this._first = false;
    this.state = state;
    if (state === 'listening' && !this.timings.ready) this.timings.ready = performance.now();
    this._emit('state', { state });
  }

  // -- ending -----------------------------------------------------------------------

  _deleteSession(id) {
    this.signalling.request(`sessions/${encodeURIComponent(id)}`, { method: 'DELETE', keepalive: true, what: 'hanging up' }).catch(() => {});
  }

  hangUp() {
    if (!this.ended) this._end({ notifyServer: true, reason: 'hangup' });
  }

  _end({ error = null, notifyServer = true, reason = null } = {}) {
    if (this.ended) return;
    this.ended = true;
    this._generation++;
    for (const t of Object.values(this._timers)) { clearTimeout(t); clearInterval(t); }
    if (notifyServer && this.sessionId) this._deleteSession(this.sessionId);
    try { this.dc?.close(); } catch { /* closed */ }
    try { this.pc?.close(); } catch { /* closed */ }
    this.micStream?.getTracks().forEach((t) => t.stop());
    this.micTrack = null;
    this.element.srcObject = null;
    if (this._ownElement) this.element.remove();
    this.pttHeld = false;
    if (error) this._emit('error', { code: error.code, title: error.title, message: error.message, source: error.source || 'client', status: error.status, retryAfter: error.retryAfter });
    this._refresh();
    this._emit('ended', { reason: error ? 'error' : reason || 'ended', error });
  }

  // -- statistics -------------------------------------------------------------------

  /** Route, round trip, jitter and loss of the audio, and the data channel's round trip. */
  async stats() {
    const st = await callStats(this.pc, this._lastInbound);
    if (st.packets_received != null) this._lastInbound = { lost: st.packets_lost, recv: st.packets_received };
    return { ...st, dc_rtt_ms: this._dcRtt, reconnects: this.reconnects };
  }
}

/** Starts a call: `await connect({url, token | getToken, audio = true, element})`. */
export async function connect(options = {}) {
  return new VoiceCall(options).start();
}
