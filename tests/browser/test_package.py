"""The package as a user gets it: sdist and wheel built and checked by twine, the wheel
installed into a fresh venv outside the checkout, and that venv's `voicertc serve`
answering a spoken and a typed command from Chromium.

The venv sees the system's site-packages (`--system-site-packages`) so the heavy
dependencies are not downloaded again (the test runs with no network): pip still
resolves the wheel's declared requirements against them (`--no-index`, no `--no-deps`),
and voicertc itself, its page included, comes only from the wheel, which the test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import aiohttp
import pytest
from support.browser import page_at
from support.page_call import spoken_command_wav, spoken_then_typed
from support.serve_process import free_port, serve_process

import voicertc

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = (".git", ".cache", "artifacts", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
WEB_FILES = sorted(p.name for p in (ROOT / "voicertc" / "web").iterdir())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # A copy, as building writes voicertc.egg-info into the source tree, which then reads
    # as an installed voicertc wherever the checkout is on sys.path.
    source = tmp_path_factory.mktemp("source") / "voicertc"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    # No isolation: the test has no network, and the test extra installs the backend.
    # Without --sdist/--wheel, build makes the sdist and then the wheel from the sdist.
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def _only(directory: Path, pattern: str) -> Path:
    (found,) = directory.glob(pattern)
    return found


def test_sdist_and_wheel_carry_the_version_the_page_and_pass_twine(dist: Path) -> None:
    version = voicertc.__version__
    wheel = _only(dist, f"voicertc-{version}-py3-none-any.whl")
    sdist = _only(dist, f"voicertc-{version}.tar.gz")
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"voicertc-{version}.dist-info/METADATA").decode()
    assert {f"voicertc/web/{name}" for name in WEB_FILES} <= names
    assert "voicertc/assistant/real_words.txt" in names
    assert {
        "voicertc/assistant/models/silero_vad_16k.onnx",
        "voicertc/assistant/models/LICENSE-silero-vad",
        "voicertc/assistant/models/whisper-tiny-en-commands.npz",
        "voicertc/assistant/models/whisper-tiny-en-commands-s12.npz",
    } <= names
    assert not any(name.startswith("training/") for name in names)  # how it was made: the sdist
    assert f"Version: {version}\n" in metadata and "License-Expression: MIT" in metadata
    assert "Provides-Extra: whisper" in metadata
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"LICENSE", "CHANGELOG.md", "tests/support/browser.py", "voicertc/web/index.html",
            "training/whisper_adapter/train.py"} <= members  # fmt: skip
    assert not any("__pycache__" in m or m.startswith("tests/.cache") for m in members)


SITE = Path("lib") / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
CHECKOUT_VARIABLES = ("PYTHONPATH", "VOICERTC_WEB_DIR", "OPENAI_API_KEY")


def _venv_env(venv: Path) -> dict[str, str]:
    """The environment a user's shell would give the venv: nothing pointing at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in CHECKOUT_VARIABLES}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


@pytest.fixture
def venv(dist: Path, tmp_path: Path) -> Path:
    """A fresh venv with the wheel installed, checked to import voicertc from itself."""
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True
    )
    python = venv / "bin" / "python"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
         "--disable-pip-version-check", str(_only(dist, "voicertc-*.whl"))],
        env=_venv_env(venv), capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    where = subprocess.run(
        [str(python), "-c", "import voicertc.server as s; print(s.__file__); print(s.WEB_DIR)\n"
         "from voicertc.assistant import whisper_adapter as a; print(a.packaged())"],
        env=_venv_env(venv), cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    package = venv / SITE / "voicertc"
    adapter = package / "assistant" / "models" / "whisper-tiny-en-commands.npz"
    assert where == [str(package / "server.py"), str(package / "web"), str(adapter)]
    version = subprocess.run(
        [str(venv / "bin" / "voicertc"), "--version"],
        env=_venv_env(venv), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert version.stdout.strip() == f"voicertc {voicertc.__version__}"
    return venv


async def test_wheel_in_a_fresh_venv_serves_the_page_and_a_call(venv: Path, tmp_path: Path) -> None:
    env = _venv_env(venv) | {"VOICERTC_ICE_HOSTS": "127.0.0.1"}
    page_file = venv / SITE / "voicertc" / "web" / "index.html"
    command = [str(venv / "bin" / "voicertc"), "serve"]
    async with serve_process(command, port=free_port(), env=env, cwd=tmp_path) as served:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{served.url}/") as response:
                assert response.status == 200
                assert await response.read() == page_file.read_bytes()
            async with http.get(f"{served.url}/healthz") as response:
                assert (await response.json())["version"] == voicertc.__version__
        async with page_at(served.url, spoken_command_wav()) as page:
            assert await spoken_then_typed(page) == ["reverb", "delay"]
            assert page.errors == []  # type: ignore[attr-defined]
