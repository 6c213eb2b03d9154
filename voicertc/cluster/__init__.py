"""Many hosts behind one load balancer: which host owns a call, and getting a request
about a call to its owner.

A session id names its host (`h10-0-0-5-8080.`), as it names its worker (`w1.`). A
request about a call (any route with `{session_id}` in its path: hang-up, trickle, WHIP
PATCH/DELETE, admin routes about a call) that reaches another host is forwarded to the
owner over HTTP, signed with the shared cluster secret; only known peers get requests,
and only those routes. Nothing else is shared between hosts.
"""

from .peers import PeerSet
from .routing import ClusterRouter
from .settings import ClusterSettings

__all__ = ["ClusterRouter", "ClusterSettings", "PeerSet"]
