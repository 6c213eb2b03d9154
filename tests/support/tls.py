"""A throwaway certificate authority and a server certificate, made with openssl."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Certificates:
    ca: Path
    fullchain: Path
    key: Path
    ca_spki_sha256: str  # base64, what Chromium's --ignore-certificate-errors-spki-list takes


def _openssl(*args: str, cwd: Path, input: bytes | None = None) -> bytes:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is not installed; run the README's test command (it installs it)")
    return subprocess.run([openssl, *args], cwd=cwd, input=input, check=True, capture_output=True).stdout


def make_certificates(directory: Path, host: str) -> Certificates:
    """A CA valid for a day, and a certificate for `host` (and 127.0.0.1) it signed."""
    directory.mkdir(parents=True, exist_ok=True)
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    _openssl(
        "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
        "-subj", "/CN=voicertc test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
        cwd=directory,
    )  # fmt: skip
    _openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", f"/CN={host}", cwd=directory)
    (directory / "server.ext").write_text(
        f"subjectAltName=DNS:{host},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    )
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "1", "-extfile", "server.ext",
        cwd=directory,
    )  # fmt: skip
    fullchain = directory / "fullchain.pem"
    fullchain.write_bytes((directory / "server.pem").read_bytes() + (directory / "ca.pem").read_bytes())
    public = _openssl("x509", "-in", "ca.pem", "-pubkey", "-noout", cwd=directory)
    der = _openssl("pkey", "-pubin", "-outform", "der", cwd=directory, input=public)
    digest = _openssl("dgst", "-sha256", "-binary", cwd=directory, input=der)
    spki = _openssl("base64", "-A", cwd=directory, input=digest).decode().strip()
    return Certificates(directory / "ca.pem", fullchain, directory / "server.key", spki)
