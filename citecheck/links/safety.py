"""Never let an article make citecheck talk to a machine that is not on the public internet.

An article is untrusted input (in CI it is somebody's draft), and a cited URL could point
at ``http://169.254.169.254/`` or at a service on the CI runner itself. So the check is
made where the socket is opened, against the addresses actually connected to: a redirect
hop, a name that resolves differently the second time (DNS rebinding) or a pooled
connection all pass through it. The connection classes here replace urllib3's in the
adapter's pools.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local …)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


class UnsafeAddressError(NewConnectionError):
    """The host resolves to an address an article may not make us reach."""

    def __init__(self, conn: HTTPConnection, host: str, address: str) -> None:
        where = host if host == address else f"{host} resolves to {address}, which"
        super().__init__(conn, f"{where} is not a public address")
        self.host = host
        self.address = address


def _public_addresses(conn: HTTPConnection, host: str, port: int) -> list[tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise NameResolutionError(host, conn, error) from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not is_public(address):
            # One private answer is enough to refuse: a name that mixes them is a trap.
            raise UnsafeAddressError(conn, host, str(address))
    return infos


class _GuardedConnectionMixin:
    """Resolve, refuse non-public addresses, then connect to exactly those addresses."""

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        target = conn._tunnel_host or conn._dns_host
        target_port = conn._tunnel_port or conn.port
        if conn.proxy is not None:
            # Through a proxy the socket goes to the proxy, which the user chose; what
            # must be public is the host the request is for.
            _public_addresses(conn, target, target_port)
            return super()._new_conn()  # type: ignore[misc]
        infos = _public_addresses(conn, target, target_port)
        last_error: OSError | None = None
        for info in infos:
            try:
                return connection.create_connection(
                    (info[4][0], target_port),
                    conn.timeout,
                    source_address=conn.source_address,
                    socket_options=conn.socket_options,
                )
            except OSError as error:
                last_error = error
        if isinstance(last_error, TimeoutError):
            raise ConnectTimeoutError(conn, f"Connection to {target} timed out") from last_error
        raise NewConnectionError(conn, f"Failed to establish a new connection: {last_error}")


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


def find_unsafe(error: BaseException | None) -> UnsafeAddressError | None:
    """The refusal inside whatever requests and urllib3 wrapped it in."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, UnsafeAddressError):
            return error
        reason = getattr(error, "reason", None)
        if isinstance(reason, BaseException):
            error = reason
        elif error.args and isinstance(error.args[0], BaseException):
            error = error.args[0]
        else:
            error = error.__cause__ or error.__context__
        seen += 1
    return None
