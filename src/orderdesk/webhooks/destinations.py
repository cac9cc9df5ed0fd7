"""Where a webhook may send: http(s) URLs whose host resolves only to public addresses.

Checked when a webhook is created and again before every attempt (a name may come to point
somewhere else); the attempt then connects to the very addresses that were checked, so a DNS
answer that changes in between cannot send it inside the network. Operators who really deliver
to their own network set ORDERDESK_WEBHOOK_ALLOW_PRIVATE=1.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

MAX_URL_LENGTH = 2000


class UnsafeDestination(ValueError):
    """The URL is not one Orderdesk will send to; the message says why."""


@dataclass(frozen=True)
class Destination:
    host: str
    port: int
    addresses: tuple[str, ...]  # the IP addresses to connect to, in the resolver's order


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global  # e.g. 100.64.0.0/10, carrier-grade NAT
    )


def parse(url: str) -> tuple[str, int]:
    """(host, port) of an acceptable http(s) URL; UnsafeDestination with the reason otherwise."""
    if not url:
        raise UnsafeDestination(_("A URL is required."))
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeDestination(_("Give a URL of at most %d characters.") % MAX_URL_LENGTH)
    if not url.isascii() or any(ch.isspace() or not ch.isprintable() for ch in url):
        raise UnsafeDestination(
            _("Write the URL in plain ASCII without spaces (percent-encoded path, punycode host).")
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeDestination(_("Use an http:// or https:// URL."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeDestination(_("The URL must not hold a user name or password."))
    host = parts.hostname
    if not host:
        raise UnsafeDestination(_("The URL has no host name."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeDestination(_("The URL's port is not valid.")) from None
    return host, port


def resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise UnsafeDestination(_("The host %s does not resolve.") % host) from None
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UnsafeDestination(_("The host %s does not resolve.") % host)
    return addresses


def destination_check(url: str, *, allow_private: bool) -> Destination:
    """The URL's host, port and addresses, every address public unless allow_private."""
    host, port = parse(url)
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise UnsafeDestination(
                    _(
                        "%(host)s resolves to %(address)s, a loopback, private, link-local, "
                        "multicast or reserved address; webhooks go to public addresses only."
                    )
                    % {"host": host, "address": address}
                )
    return Destination(host=host, port=port, addresses=addresses)
