import sys

from .cli import main

# Guarded: speech recognition runs in spawned processes, which import this module again.
if __name__ == "__main__":
    sys.exit(main())
