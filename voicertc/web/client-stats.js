// voicertc-client.js's statistics: the audio's route, round trip, jitter and loss.

/** Route, round trip, jitter and loss of `pc`'s audio; `prev` is the last call's inbound counts. */
export async function callStats(pc, prev) {
  const st = {};
  if (!pc || pc.connectionState === 'closed') return st;
  let report;
  try { report = await pc.getStats(); } catch { return st; }
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  let pair = null;
  let inbound = null;
  let remoteInbound = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId) || pair;
    const kind = s.kind || s.mediaType;
    if (s.type === 'inbound-rtp' && kind === 'audio') inbound = s;
    if (s.type === 'remote-inbound-rtp' && kind === 'audio') remoteInbound = s;
  });
  if (!pair) report.forEach((s) => { if (!pair && s.type === 'candidate-pair' && (s.selected || (s.nominated && s.state === 'succeeded'))) pair = s; });
  const local = pair ? byId.get(pair.localCandidateId) : null;
  const remote = pair ? byId.get(pair.remoteCandidateId) : null;
  if (local) {
    st.local_candidate_type = local.candidateType;
    st.remote_candidate_type = remote?.candidateType;
    st.route = local.candidateType === 'relay' || remote?.candidateType === 'relay' ? 'relay' : 'direct';
    st.protocol = local.relayProtocol || local.protocol;
  }
  const rtt = pair?.currentRoundTripTime ?? remoteInbound?.roundTripTime;
  if (typeof rtt === 'number') st.rtt_ms = rtt * 1000;
  if (inbound) {
    if (typeof inbound.jitter === 'number') st.jitter_ms = inbound.jitter * 1000;
    const lost = inbound.packetsLost ?? 0;
    const recv = inbound.packetsReceived ?? 0;
    if (prev) {
      const dl = Math.max(0, lost - prev.lost);
      const dr = recv - prev.recv;
      st.loss_pct = dl + dr > 0 ? (dl / (dl + dr)) * 100 : 0;
    }
    st.packets_lost = lost;
    st.packets_received = recv;
  }
  return st;
}
