"""The WebRTC edge: signalling over HTTP, ICE configuration, the data channel contract."""
