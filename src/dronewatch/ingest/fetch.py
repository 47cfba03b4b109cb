"""HTTP GET for the feed watcher, with the limits a program that follows links from the
internet needs: http/https only, one deadline for the whole fetch (name lookups, connects,
headers sent slowly, every redirect hop and the body together), a size cap enforced on the
decoded body while streaming (each compression layer bounded: ingest/decoding.py), a
bounded number of redirects, and no private addresses.

The address check sits in the connection itself (`GuardedBackend.connect_tcp`): the host is
resolved once, every address it resolves to is checked, and the socket is opened to a
checked address. So each redirect hop is checked as it is connected, and a DNS answer that
changes between a check and the connect (rebinding) cannot slip through. The deadline sits
there too (`DeadlineStream`): every socket read and write waits at most until the fetch's
deadline, so a server trickling its headers a byte at a time cannot outlast it.

    fetcher = Fetcher(max_bytes=5_000_000, timeout=30)
    response = fetcher.get("https://example.org/feed.xml", etag='"abc"')
    response.status                 # 200 or 304; anything else raised FetchError
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from dronewatch import __version__
from dronewatch.ingest.common import mb
from dronewatch.ingest.decoding import ACCEPT_ENCODING, BodyDecoder, DecodingError

USER_AGENT = f"dronewatch/{__version__} (feed watcher)"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
TRANSIENT_STATUS = (408, 425, 429, 500, 502, 503, 504)  # worth asking again later


class FetchError(Exception):
    """Why a URL gave nothing, in one line. `transient`: a later try may succeed."""

    def __init__(self, reason: str, *, transient: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after


class AddressRefused(Exception):
    """A host that resolves to an address the watcher may not reach."""


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200 or 304
    headers: httpx.Headers
    content: bytes

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        msg = Message()
        msg["content-type"] = self.headers.get("content-type", "")
        return msg.get_param("charset")  # type: ignore[return-value]


# ----------------------------------------------------------------------------- addresses

def refusal(ip: str) -> str | None:
    """Why `ip` may not be fetched from ('loopback', 'private', ...), None when it is public."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(addr, f"is_{kind}"):
            return kind.replace("_", "-")
    if not addr.is_global:  # shared address space (100.64/10), documentation ranges, ...
        return "not globally routable"
    return None


def resolve(host: str, port: int, timeout: float | None = None) -> list[str]:
    """The addresses of `host`, within `timeout` seconds: the system resolver has no time
    limit of its own (a dead name server holds it for tens of seconds), so it runs in a
    thread of its own that the fetch stops waiting for when its deadline passes."""
    try:
        return [str(ipaddress.ip_address(host))]  # an address needs no lookup
    except ValueError:
        pass
    answer: dict[str, object] = {}

    def lookup() -> None:
        try:
            answer["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            answer["error"] = exc

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"resolving {host} outlasted the fetch's deadline")
    exc = answer.get("error")
    if isinstance(exc, (socket.gaierror, UnicodeError)):
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    if isinstance(exc, BaseException):
        raise exc
    return list(dict.fromkeys(info[4][0] for info in answer["infos"]))  # type: ignore[union-attr]


_fetch = threading.local()  # .deadline: time.monotonic() by which the current fetch ends


def _time_left(timeout: float | None, timed_out: type[Exception]) -> float | None:
    """`timeout` shortened to what is left before the current fetch's deadline."""
    deadline = getattr(_fetch, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timed_out("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes never wait past the current fetch's deadline
    (kept connections included: the deadline is looked up at each call)."""

    def __init__(self, inner: httpcore.NetworkStream):
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return DeadlineStream(self.inner.start_tls(
            ssl_context, server_hostname, _time_left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses `refusal` accepts (all when allow_private)."""

    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve(host, port, _time_left(timeout, httpcore.ConnectTimeout))
        if not self.allow_private:
            for ip in addresses:
                why = refusal(ip)
                if why:
                    shown = host if host == ip else f"{host} ({ip})"
                    raise AddressRefused(f"{why} address refused: {shown}; pass --allow-private "
                                         f"to fetch from it")
        last: Exception | None = None
        for ip in addresses:  # connect to what was checked, never resolve again
            try:
                return DeadlineStream(super().connect_tcp(
                    ip, port, timeout=_time_left(timeout, httpcore.ConnectTimeout),
                    local_address=local_address, socket_options=socket_options))
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool = False):
        super().__init__(trust_env=False)  # a proxy would connect for us, unchecked: none
        # httpx has no public seam for the network backend; its pool is built the same way
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=10,
            max_keepalive_connections=5, keepalive_expiry=5.0,
            network_backend=GuardedBackend(allow_private))


# ----------------------------------------------------------------------------- fetching

def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched (got {scheme or 'no'} scheme)")


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


class Fetcher:
    """GET with limits; one connection pool for its lifetime (`close()` or `with`)."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 30.0,
                 max_bytes: int = 5_000_000, max_redirects: int = MAX_REDIRECTS,
                 transport: httpx.BaseTransport | None = None):
        self.timeout, self.max_bytes, self.max_redirects = timeout, max_bytes, max_redirects
        self.client = httpx.Client(
            transport=transport or GuardedTransport(allow_private), follow_redirects=False,
            timeout=httpx.Timeout(timeout or None), trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING})

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """The response (200, or 304 when the validators still match); FetchError otherwise."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        _fetch.deadline = time.monotonic() + self.timeout if self.timeout else None
        try:
            return self._get(url, headers)
        finally:
            _fetch.deadline = None

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        """`get` once the deadline is set: the redirect hops, one after another."""
        for _ in range(self.max_redirects + 1):
            check_scheme(url)
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code in REDIRECTS and r.headers.get("location"):
                        url = urljoin(str(r.url), r.headers["location"])
                        continue
                    if r.status_code == 304:
                        return Response(str(r.url), 304, r.headers, b"")
                    if not 200 <= r.status_code < 300:
                        raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".strip(),
                                         transient=r.status_code in TRANSIENT_STATUS,
                                         retry_after=_retry_after(r.headers.get("retry-after")))
                    return Response(str(r.url), r.status_code, r.headers, self._read(r))
            except AddressRefused as exc:
                raise FetchError(str(exc)) from None
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.timeout:g} s", transient=True) from None
            except httpx.TransportError as exc:
                detail = " ".join(str(exc).split()) or type(exc).__name__
                raise FetchError(f"cannot connect: {detail}", transient=True) from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"invalid URL: {exc}") from None
        raise FetchError(f"more than {self.max_redirects} redirects")

    def _read(self, r: httpx.Response) -> bytes:
        """The body, decoded (gzip ...), stopping as soon as the received or the decoded
        bytes pass `max_bytes`; each compression layer is undone a bounded step at a time."""
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"too large ({mb(int(declared))} > {mb(self.max_bytes)} limit)")
        too_large = FetchError(f"too large (over {mb(self.max_bytes)} limit; stopped reading)")
        try:
            decoder = BodyDecoder(r.headers.get("content-encoding", ""))
            body, received = bytearray(), 0
            for raw in r.iter_raw():
                received += len(raw)
                if received > self.max_bytes:
                    raise too_large
                deadline = _fetch.deadline  # (a transport without DeadlineStream: checked here)
                if deadline is not None and time.monotonic() > deadline:
                    raise FetchError(f"timed out after {self.timeout:g} s (whole response)",
                                     transient=True)
                for piece in decoder.feed(raw):
                    body += piece
                    if len(body) > self.max_bytes:
                        raise too_large
        except DecodingError as exc:
            raise FetchError(str(exc)) from None
        return bytes(body)


__all__ = ["Fetcher", "Response", "FetchError", "refusal", "check_scheme", "GuardedTransport"]
