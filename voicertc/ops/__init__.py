"""Operating voicertc: what each call used, how it ended, its recording and its traces.

Each module holds one job and knows nothing of the session's internals: the session
(or a host app) feeds them through narrow calls, so they can be tested on their own.
"""
