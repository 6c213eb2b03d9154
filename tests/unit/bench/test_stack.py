"""stack.versions: the hearing packages' versions recorded beside a speech figure."""

from __future__ import annotations

from importlib import metadata

from voicertc.bench import stack


def test_installed_packages_report_their_version_and_missing_ones_none() -> None:
    found = stack.versions(("numpy", "no-such-package-voicertc"))
    assert found == {"numpy": metadata.version("numpy"), "no-such-package-voicertc": None}


def test_the_hearing_stack_is_what_is_recorded_by_default() -> None:
    assert set(stack.versions()) == set(stack.HEARING)
