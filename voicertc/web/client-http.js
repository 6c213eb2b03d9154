// voicertc-client.js's HTTP side: errors with codes and sentences for people, the bearer
// token (refreshed once on a 401), timeouts, the effect specs, the first ICE candidate.

const FETCH_TIMEOUT_MS = 15000;

/** An error with a stable `code`, a short `title` and a sentence for people. */
export class VoiceError extends Error {
  constructor(code, title, message, extra = {}) {
    super(message);
    this.name = 'VoiceError';
    this.code = code;
    this.title = title;
    this.source = 'client';
    Object.assign(this, extra);
  }
}

const MIC_PROBLEMS = {
  mic_denied: ['Microphone blocked', 'The browser did not let this page use the microphone. You can still type to the assistant and hear it. To talk, allow the microphone (the microphone or lock icon next to the address) and call again.'],
  no_microphone: ['No microphone found', 'No microphone is connected. You can still type to the assistant and hear it. To talk, plug in a microphone or headset and call again.'],
  mic_busy: ['Microphone unavailable', 'The microphone could not be started; another app may be using it. You can still type to the assistant and hear it; close that app and call again to talk.'],
  insecure_context: ['This page needs a secure connection for the microphone', 'Browsers only give the microphone to pages on https:// or on http://localhost. You can still type to the assistant and hear it.'],
  mic_error: ['Microphone problem', 'The microphone could not be used. You can still type to the assistant and hear it.'],
};

export function micProblem(err) {
  const name = err?.name || '';
  let code = 'mic_error';
  if (['NotAllowedError', 'SecurityError', 'PermissionDeniedError'].includes(name)) code = 'mic_denied';
  else if (['NotFoundError', 'DevicesNotFoundError', 'OverconstrainedError'].includes(name)) code = 'no_microphone';
  else if (['NotReadableError', 'TrackStartError', 'AbortError'].includes(name)) code = 'mic_busy';
  else if (err?.code === 'insecure_context') code = 'insecure_context';
  const [title, message] = MIC_PROBLEMS[code];
  return { code, title, message, source: 'media' };
}

export function iceFailed(timedOut) {
  return new VoiceError('ice_failed', timedOut ? 'The audio connection timed out' : 'The audio connection failed',
    'Your browser and the server could not reach each other (ICE failed). A firewall or VPN may be blocking UDP; try another network, or ask the operator to set up a TURN relay.',
    { source: 'ice' });
}

export function networkError(err, what) {
  if (err?.name === 'AbortError') {
    return new VoiceError('timeout', 'The server did not answer',
      `No answer while ${what}. Check that the server is running and reachable, then try again.`, { source: 'network' });
  }
  return new VoiceError('network_error', 'Cannot reach the server',
    `A network error happened while ${what}. Check your connection and that the server is running, then try again.`,
    { source: 'network' });
}

export async function httpError(resp, what) {
  let body = null;
  try { body = await resp.json(); } catch { /* not JSON */ }
  const code = body?.error?.code || `http_${resp.status}`;
  if (code === 'server_full' || resp.status === 503) {
    const retry = parseInt(resp.headers.get('Retry-After') || '', 10);
    const when = Number.isFinite(retry) && retry > 0 ? `in ${retry} second${retry === 1 ? '' : 's'}` : 'in a minute';
    return new VoiceError(code, 'The server is full', `All call slots are in use right now. Please try again ${when}.`,
      { source: 'http', status: resp.status, retryAfter: Number.isFinite(retry) ? retry : null });
  }
  return new VoiceError(code, `The server refused ${what}`,
    body?.error?.message || `The server answered HTTP ${resp.status}${resp.statusText ? ` ${resp.statusText}` : ''}.`,
    { source: 'http', status: resp.status });
}

/** The voicertc base URL as a string ending in '/', relative to the page. */
export function baseUrl(url) {
  const u = new URL(url ?? './', document.baseURI);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  u.hash = '';
  u.search = '';
  return u.href;
}

/** HTTP to the voicertc server: bearer token (refreshed once on a 401), timeouts. */
export class Signalling {
  constructor({ url, token, getToken }) {
    this.base = baseUrl(url);
    this.token = token ?? null;
    this.getToken = typeof getToken === 'function' ? getToken : null;
  }

  async _token(refresh) {
    if (this.getToken && (refresh || this.token == null)) this.token = await this.getToken();
    return this.token;
  }

  async request(path, { method = 'GET', json, what, keepalive = false, timeoutMs = FETCH_TIMEOUT_MS } = {}) {
    for (let attempt = 0; ; attempt++) {
      const token = await this._token(attempt > 0);
      const headers = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (json !== undefined) headers['Content-Type'] = 'application/json';
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      let resp;
      try {
        resp = await fetch(this.base + path, {
          method, headers, keepalive, cache: 'no-store', signal: ctl.signal,
          body: json === undefined ? undefined : JSON.stringify(json),
        });
      } catch (err) {
        throw networkError(err, what);
      } finally {
        clearTimeout(timer);
      }
      if (resp.status === 401 && this.getToken && attempt === 0) continue; // expired: ask again
      return resp;
    }
  }

  /** The ICE servers for the peer connection (GET config); none where there is no such route. */
  async config() {
    const resp = await this.request('config', { what: 'asking the server for its connection settings' });
    if (resp.status === 404) return { iceServers: [], iceTransportPolicy: 'all' };
    if (!resp.ok) throw await httpError(resp, 'to give its connection settings');
    try { return await resp.json(); } catch {
      throw new VoiceError('bad_config', 'Unexpected server answer', 'The server sent connection settings this page cannot read.', { source: 'http' });
    }
  }

  async json(path, opts) {
    const resp = await this.request(path, opts);
    if (!resp.ok) throw await httpError(resp, opts.refusal || opts.what);
    try {
      return await resp.json();
    } catch {
      throw new VoiceError('bad_answer', 'Unexpected server answer', `The server sent something this page cannot read while ${opts.what}.`, { source: 'http' });
    }
  }
}

/** The effect specs the server validates against: `{name: {label, hint, params: {...}}}`. */
export async function effectSpecs({ url, token, getToken } = {}) {
  return new Signalling({ url, token, getToken }).json('effects/specs', { what: 'reading the effect list' });
}

/** Waits until `pc` has a first candidate (or finished gathering), at most `capMs`. */
export function firstCandidate(pc, capMs) {
  const has = () => pc.iceGatheringState === 'complete' || /\na=candidate:/.test(pc.localDescription?.sdp || '');
  if (has()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); pc.removeEventListener('icecandidate', check); resolve(); };
    const check = () => { if (has()) done(); };
    const timer = setTimeout(done, capMs);
    pc.addEventListener('icecandidate', check);
  });
}

/** Resolves once `pc` is connected and `dc` open; rejects on failure or after `ms`. */
export function whenConnected(pc, dc, ms) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pc.connectionState === 'connected' && dc.readyState === 'open') { cleanup(); resolve(); }
      else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') { cleanup(); reject(new Error(pc.connectionState)); }
    };
    const timer = setTimeout(() => { cleanup(); reject(new Error('timeout')); }, ms);
    const cleanup = () => { clearTimeout(timer); pc.removeEventListener('connectionstatechange', check); dc.removeEventListener('open', check); };
    pc.addEventListener('connectionstatechange', check);
    dc.addEventListener('open', check);
    check();
  });
}
