"""`python -m voicertc.bench`."""

from .cli import main

raise SystemExit(main())
