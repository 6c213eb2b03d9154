"""The Kubernetes manifests (deploy/k8s): valid against the Kubernetes schemas, and in
agreement with the server's own flags: the container's arguments parse with voicertc's
real parser, and the probes, ports, grace period and peer discovery match them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from voicertc.cli import build_parser, config_from_args

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30.0"


def documents() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    docs = []
    for name in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / name).read_text()) if d]
    return docs


def find(kind: str, name: str) -> dict[str, Any]:
    return next(d for d in documents() if d["kind"] == kind and d["metadata"]["name"] == name)


def test_every_file_is_listed_and_valid() -> None:
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    for doc in documents():
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_a_bad_manifest_is_caught() -> None:
    # The check itself works: a misspelt field fails.
    bad = find("Deployment", "voicertc")
    bad["spec"]["template"]["spec"]["terminationGracePeriod"] = 630
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, KUBERNETES_VERSION, strict=True)


def test_the_pod_agrees_with_the_servers_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    deployment = find("Deployment", "voicertc")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    command = container["args"]
    assert command[:2] == ["voicertc", "serve"]
    # Kubernetes expands $(VAR) from the container's env; the secrets come from env too.
    env = {e["name"]: e for e in container["env"]}
    values = {"NODE_IP": "192.0.2.10", "POD_IP": "10.1.2.3"}
    args = [
        a.replace("$(NODE_IP)", values["NODE_IP"]).replace("$(POD_IP)", values["POD_IP"]) for a in command[2:]
    ]
    for name in ("VOICERTC_TURN_SECRET", "VOICERTC_CLUSTER_SECRET", "VOICERTC_AUTH_TOKEN"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "voicertc"
        monkeypatch.setenv(name, "x" * 32)
    parsed = build_parser().parse_args(["serve", *args])
    config = config_from_args(parsed)  # validates, as `voicertc serve` does

    # The grace period covers the whole drain, and a little more.
    grace = pod["terminationGracePeriodSeconds"]
    assert config.drain_seconds >= 60
    assert config.drain_seconds + 10 <= grace <= config.drain_seconds + 120
    # Probes: readiness on /readyz, liveness on /healthz, on the server's port.
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": config.port}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": config.port}
    assert [p["containerPort"] for p in container["ports"]] == [config.port]
    # Media straight to the node: host network, candidates announcing the node's address.
    assert pod["hostNetwork"] is True
    assert env["NODE_IP"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.hostIP"
    assert config.ice.announce_ip == values["NODE_IP"] and config.ice.port_range == (40000, 40099)
    # Peers: the headless Service, draining pods included, on the server's port; this pod
    # names itself by its own address.
    peers = find("Service", "voicertc-peers")["spec"]
    name, port = config.cluster.peer_dns.rsplit(":", 1)
    assert name.split(".")[0] == "voicertc-peers" and int(port) == config.port
    assert peers["clusterIP"] == "None" and peers["publishNotReadyAddresses"] is True
    assert peers["ports"][0]["targetPort"] == config.port
    assert config.cluster.advertise_url == f"http://{values['POD_IP']}:{config.port}"
    assert find("Service", "voicertc")["spec"]["ports"][0]["targetPort"] == config.port
    # Every selector finds the pods.
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    for selector in (
        deployment["spec"]["selector"]["matchLabels"],
        find("PodDisruptionBudget", "voicertc")["spec"]["selector"]["matchLabels"],
        find("Service", "voicertc")["spec"]["selector"],
        peers["selector"],
    ):
        assert selector.items() <= labels.items()
    assert find("HorizontalPodAutoscaler", "voicertc")["spec"]["scaleTargetRef"]["name"] == "voicertc"


def test_requests_follow_the_benchmark() -> None:
    # docs/benchmarks.md: one process holds 10 duplex calls per core.
    calls_per_core = 10
    (container,) = find("Deployment", "voicertc")["spec"]["template"]["spec"]["containers"]
    flags = dict(a.removeprefix("--").split("=", 1) for a in container["args"][2:])
    cores = float(container["resources"]["requests"]["cpu"])
    assert int(flags["workers"]) == cores
    assert int(flags["workers"]) * int(flags["max-sessions"]) == cores * calls_per_core


def test_coturn_shares_the_turn_secret() -> None:
    (container,) = find("DaemonSet", "coturn")["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container["env"]}
    assert env["TURN_SECRET"]["valueFrom"]["secretKeyRef"] == {"name": "voicertc", "key": "turn-secret"}
    assert "static-auth-secret=$TURN_SECRET" in container["args"][0]
