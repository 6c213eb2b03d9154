"""The audio path: inbound frames to upstream PCM, upstream PCM to paced outbound frames."""
