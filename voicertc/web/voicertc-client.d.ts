// Types of voicertc-client.js (served at GET /voicertc-client.js). docs/client.md.

export type CallState = 'connecting' | 'listening' | 'thinking' | 'speaking' | 'reconnecting' | 'ended';

export interface ConnectOptions {
  /** The voicertc base URL: same origin, or one the server allows with --allowed-origin. Default: the page's directory. */
  url?: string;
  /** A bearer token for servers started with --auth-token or --jwt-secret. */
  token?: string;
  /** Called for a token before the first request and again after a 401 (expired): token refresh. */
  getToken?: () => string | Promise<string>;
  /** Ask for the microphone (default true). false: a text-first call that still hears the assistant. */
  audio?: boolean;
  /** getUserMedia audio constraints (default: echo cancellation, noise suppression, auto gain on). */
  audioConstraints?: MediaTrackConstraints;
  /** The <audio> element the assistant plays in; by default the call makes a hidden one in <body>. */
  element?: HTMLAudioElement;
  /** 'open' (default): the mic is always live; 'ptt': live only while pushToTalk(true). */
  mode?: 'open' | 'ptt';
  /** Reconnect to the same session after a network drop (default true). */
  reconnect?: boolean;
  /** How long to keep trying to reconnect, seconds (default 30, the server's --resume-seconds). */
  resumeSeconds?: number;
  /** Post the offer with the first ICE candidates and send the rest after (default true). */
  trickle?: boolean;
}

/** A parameter change on the chain; see docs/protocol.md "effect". */
export interface EffectChange {
  action: 'add' | 'remove' | 'set' | 'increase' | 'decrease' | 'reset' | 'move';
  effect?: string;
  param?: string;
  value?: number;
  unit?: string;
  index?: number;
  to?: number;
}

export interface EffectItem { effect: string; params: Record<string, number>; }

export interface Transcript { type: 'transcript'; role: 'user' | 'assistant'; text: string; final: boolean; item_id?: string; }

export interface Metrics {
  type: 'metrics';
  turn?: { item_id: string; total_ms: number; upstream_ms: number; server_ms: number; append_ms?: number };
  barge_in_ms?: number;
}

export interface Notice {
  /** microphone: mic_denied, no_microphone, mic_busy, mic_lost, insecure_context, mic_error;
   * connection: reconnecting, reconnected; audio: autoplay_blocked; server: call_ending, call_ended. */
  code: string;
  kind: 'microphone' | 'connection' | 'audio' | 'server';
  title?: string;
  message: string;
  reason?: string;
  seconds?: number;
}

export interface CallError {
  code: string;
  title?: string;
  message: string;
  /** 'server' errors leave the call going; the others come with `ended`. */
  source: 'server' | 'http' | 'network' | 'ice' | 'media' | 'client';
  status?: number;
  retryAfter?: number | null;
}

export interface Ended { reason: 'hangup' | 'server' | 'error' | 'ended'; error: VoiceError | null; }

export interface CallStats {
  route?: 'direct' | 'relay';
  rtt_ms?: number;
  jitter_ms?: number;
  loss_pct?: number;
  packets_lost?: number;
  packets_received?: number;
  local_candidate_type?: string;
  remote_candidate_type?: string;
  protocol?: string;
  dc_rtt_ms: number | null;
  reconnects: number;
}

export interface CallEvents {
  state: { state: CallState };
  transcript: Transcript;
  effects: { chain: EffectItem[] };
  metrics: Metrics;
  notice: Notice;
  error: CallError;
  ended: Ended;
  /** Every data channel message, parsed (session, interrupted, pong, ... too). */
  message: { type: string; [field: string]: unknown };
  /** The peer connection's connectionState. */
  connection: { state: RTCPeerConnectionState };
}

export class VoiceError extends Error {
  code: string;
  title: string;
  source: CallError['source'];
  status?: number;
  retryAfter?: number | null;
}

export class VoiceCall {
  constructor(options?: ConnectOptions);
  /** Connects; resolves once the server answered the offer. Rejects with a VoiceError. */
  start(): Promise<VoiceCall>;
  on<K extends keyof CallEvents>(name: K, fn: (event: CallEvents[K]) => void): () => void;
  off<K extends keyof CallEvents>(name: K, fn: (event: CallEvents[K]) => void): void;

  /** Sends a typed message; false if the channel is not open (yet, or any more). */
  sendText(text: string): boolean;
  applyEffect(change: EffectChange): boolean;
  /** Stops the assistant now (barge-in without speaking). */
  interrupt(): boolean;
  mute(muted?: boolean): void;
  /** Holds (true) or releases (false) the talk button; the first call switches to 'ptt' mode.
   * With the server's turn detection off (session.turn_detection 'none'), pressing sends
   * `interrupt` and releasing sends `commit`: the assistant answers at once. */
  pushToTalk(held: boolean): void;
  setMode(mode: 'open' | 'ptt'): void;
  hangUp(): void;
  stats(): Promise<CallStats>;
  /** Retries playback after a user gesture (see the autoplay_blocked notice). */
  playAudio(): Promise<void> | undefined;
  /** Sends any protocol message (docs/protocol.md). */
  send(message: { type: string; [field: string]: unknown }): boolean;
  ping(): void;

  readonly state: CallState;
  readonly serverState: CallState | null;
  readonly open: boolean;
  readonly ended: boolean;
  readonly sessionId: string | null;
  readonly session: { session_id: string; upstream: string; model: string; voice: string } | null;
  readonly chain: EffectItem[];
  readonly pc: RTCPeerConnection | null;
  readonly dc: RTCDataChannel | null;
  readonly element: HTMLAudioElement;
  readonly remoteStream: MediaStream | null;
  readonly micStream: MediaStream | null;
  readonly micTrack: MediaStreamTrack | null;
  /** Why there is no microphone on this call, or null. */
  readonly micProblem: Notice | null;
  readonly micLive: boolean;
  readonly muted: boolean;
  readonly mode: 'open' | 'ptt';
  readonly pttHeld: boolean;
  readonly reconnects: number;
  /** performance.now() of start, offer, answer, connected, ready (first listening). */
  readonly timings: { start?: number; offer?: number; answer?: number; connected?: number; ready?: number };
}

/** Makes and starts a call. */
export function connect(options?: ConnectOptions): Promise<VoiceCall>;

export interface ParamSpec { label: string; unit: string; min: number; max: number; default: number; step: number; scale: 'log' | 'linear'; description: string; }
export interface EffectSpec { label: string; hint: string; primary: string; params: Record<string, ParamSpec>; }

/** The server's effect specs (GET /effects/specs). */
export function effectSpecs(options?: Pick<ConnectOptions, 'url' | 'token' | 'getToken'>): Promise<Record<string, EffectSpec>>;
