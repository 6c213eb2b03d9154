"""The package version, written only here: pyproject.toml, the CLI and /healthz read it."""

__version__ = "0.1.0"
