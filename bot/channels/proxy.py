"""The client's address and scheme of a request, believing ``X-Forwarded-*`` only from the operator's own proxies.

``TRUSTED_PROXIES`` (environment) lists the reverse proxies in front of the Rasa server: comma-separated IP
addresses or CIDR networks (``127.0.0.1, 10.0.0.0/8, ::1``). Empty (the default) trusts none, so the headers are
ignored and the client is the direct peer. When the peer is trusted:

- the client's address is the right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy (the entries
  to its left were written by the client and prove nothing); if every entry is a trusted proxy, the left-most one;
  an entry that is not an IP address ends the walk at the hop to its right;
- the scheme is the right-most ``X-Forwarded-Proto`` value (the one the trusted peer wrote), if it is http or https.

A request that came over TLS directly (``request.scheme == "https"``) is HTTPS whatever the headers say.
The rules are pure functions of (peer, headers, trusted); ``client_of`` adapts a Sanic request.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SETTING = "TRUSTED_PROXIES"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Trusted = tuple[Network, ...]


@dataclass(frozen=True)
class Client:
    address: str
    scheme: str

    @property
    def https(self) -> bool:
        return self.scheme == "https"


def parse_trusted(setting: str | None) -> Trusted:
    """The networks of a ``TRUSTED_PROXIES`` value; a wrong entry raises ValueError (a typo must not trust all)."""
    networks = []
    for entry in (setting or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{SETTING}: {entry!r} is not an IP address or CIDR network") from None
    return tuple(networks)


def trusted_from_env(environ: Mapping[str, str]) -> Trusted:
    return parse_trusted(environ.get(SETTING, ""))


def _address(text: str) -> Address | None:
    """An IP address from a header entry or a peer (``1.2.3.4``, ``1.2.3.4:80``, ``[::1]:80``, ``::1``), or None."""
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted(address: str, trusted: Trusted) -> bool:
    ip = _address(address)
    return ip is not None and any(ip.version == net.version and ip in net for net in trusted)


def _values(headers: Mapping[str, Any], name: str) -> list[str]:
    """Every comma-separated value of a header, in order, from a Sanic header multidict or a plain dict."""
    if hasattr(headers, "getall"):
        raw = headers.getall(name, [])
    else:
        raw = [v for k, v in headers.items() if k.lower() == name]
    return [part.strip() for value in raw for part in str(value).split(",") if part.strip()]


def client_address(peer: str, headers: Mapping[str, Any], trusted: Trusted) -> str:
    """The client's address: the peer, or (from a trusted peer) the right-most untrusted X-Forwarded-For entry."""
    if not is_trusted(peer, trusted):
        return peer
    client = peer
    for entry in reversed(_values(headers, "x-forwarded-for")):
        ip = _address(entry)
        if ip is None:
            break
        client = str(ip)
        if not is_trusted(client, trusted):
            break
    return client


def client_scheme(peer: str, scheme: str, headers: Mapping[str, Any], trusted: Trusted) -> str:
    """``https`` over direct TLS; else a trusted peer's X-Forwarded-Proto (http/https); else the direct scheme."""
    if scheme == "https" or not is_trusted(peer, trusted):
        return scheme
    protos = _values(headers, "x-forwarded-proto")
    proto = protos[-1].lower() if protos else ""
    return proto if proto in ("http", "https") else scheme


def client(peer: str, scheme: str, headers: Mapping[str, Any], trusted: Trusted) -> Client:
    return Client(client_address(peer, headers, trusted), client_scheme(peer, scheme, headers, trusted))


def client_of(request: Any, trusted: Iterable[Network]) -> Client:
    """The ``Client`` of a Sanic request (its direct peer is ``request.ip``)."""
    return client(str(request.ip or ""), str(request.scheme or "http"), request.headers, tuple(trusted))
