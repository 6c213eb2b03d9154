"""Deployment files: the Dockerfile is linted (no Docker engine in CI), the compose file
and the coturn start script are checked for what docs/deploy.md promises."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    pairs = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        raise RuntimeError("hadolint is not installed; run the README's test command (the test extra has it)")
    result = subprocess.run(
        [hadolint, "--no-color", str(ROOT / "Dockerfile"), str(ROOT / "turn" / "Dockerfile")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_is_slim_non_root_and_health_checked() -> None:
    steps = _instructions((ROOT / "Dockerfile").read_text())
    keywords = [k for k, _ in steps]
    # One base image (its later stages build on it), scripts/base-image makes it locally.
    stages = [a.split() for k, a in steps if k == "FROM"]
    base = stages[0][0]
    assert re.fullmatch(r"python:3\.\d+-slim(-\w+)?", base), base
    assert stages[0][1:] == ["AS", "base"] and all(s[0] == "base" for s in stages[1:]), stages
    run = " ".join(a for k, a in steps if k == "RUN")
    assert "espeak-ng" in run and "--no-install-recommends" in run
    assert "rm -rf /var/lib/apt/lists/*" in run and 'pip install "$@" "/src[whisper]"' in run
    # The last USER is not root, and nothing runs as root after it.
    users = [i for i, k in enumerate(keywords) if k == "USER"]
    assert users and steps[users[-1]][1] not in ("root", "0", "0:0")
    assert "RUN" not in keywords[users[-1] :]
    healthcheck = " ".join(a for k, a in steps if k == "HEALTHCHECK")
    assert "/healthz" in healthcheck
    exposed = " ".join(a for k, a in steps if k == "EXPOSE").split()
    assert "8080/tcp" in exposed
    env = " ".join(a for k, a in steps if k == "ENV")
    (port_range,) = re.findall(r"VOICERTC_ICE_PORT_RANGE=(\d+-\d+)", env)
    assert f"{port_range}/udp" in exposed
    assert "VOICERTC_HOST=0.0.0.0" in env
    # The page is package data: the installed package serves it without an override.
    assert "VOICERTC_WEB_DIR" not in env
    assert steps[-1][0] == "CMD" and '"voicertc", "serve"' in steps[-1][1]
    # The build mounts the context instead of copying it; .dockerignore lets in only the
    # package's source and scripts/image-offline's directory.
    assert not [a for k, a in steps if k in ("COPY", "ADD") and not a.startswith("--from=")]
    lines = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and line[0] != "#"]
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert lines[0] == "*" and allowed == {"pyproject.toml", "README.md", "LICENSE", "voicertc", "offline"}


def test_compose_runs_voicertc_with_coturn_from_turn_dir() -> None:
    compose = (ROOT / "compose.yaml").read_text()
    services = re.findall(r"^  (\w+):$", compose, re.MULTILINE)
    assert services == ["voicertc", "coturn"]
    voicertc, coturn = compose.split("\n  coturn:\n")
    assert "build: ." in voicertc
    for variable in (
        "VOICERTC_ICE_SERVERS",
        "VOICERTC_TURN_SECRET",
        "VOICERTC_ICE_ANNOUNCE_IP",
        "VOICERTC_ICE_PORT_RANGE",
    ):
        assert f"{variable}:" in voicertc
    (port_range,) = re.findall(r'VOICERTC_ICE_PORT_RANGE: "(\d+-\d+)"', voicertc)
    assert f'"{port_range}:{port_range}/udp"' in voicertc
    assert 'TURN_SECRET: "${TURN_SECRET:?' in coturn and "TURN_REALM:" in coturn
    assert "./turn:/etc/voicertc-turn:ro" in coturn and "/etc/voicertc-turn/start" in coturn
    assert "build: turn" in coturn
    assert "\t" not in compose


def test_turn_start_script_and_config() -> None:
    start = ROOT / "turn" / "start"
    assert start.stat().st_mode & 0o111, "turn/start must be executable"
    subprocess.run(["sh", "-n", str(start)], check=True)
    config = (ROOT / "turn" / "turnserver.conf").read_text().splitlines()
    settings = {line.split("=")[0] for line in config if line and not line.startswith("#")}
    assert {"use-auth-secret", "fingerprint", "no-cli", "no-multicast-peers"} <= settings
    # The production config never opens loopback or private peers, nor carries a secret.
    assert "allow-loopback-peers" not in settings and "static-auth-secret" not in settings
    assert "denied-peer-ip=10.0.0.0-10.255.255.255" in config
    # The secret reaches coturn by a private file, not a command line.
    script = start.read_text()
    assert "umask 077" in script and 'echo "static-auth-secret=$TURN_SECRET"' in script
