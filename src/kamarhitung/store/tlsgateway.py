"""The room's front door: TLS for PostgreSQL's wire protocol, and only for the room's network.

The PostgreSQL binaries of the wheel are built without OpenSSL, so the server cannot speak TLS
itself. This gateway listens where the supervisor says (the room's LAN address), admits only peers
in the room's networks (the part of ``pg_hba.conf`` that the server cannot hold, since it sees
every station as loopback), answers PostgreSQL's ``SSLRequest`` with ``S``, completes the TLS
handshake with the host certificate, and then copies bytes to and from the server on loopback.
A client that does not ask for TLS gets a PostgreSQL ``FATAL`` error and is disconnected, so a
password never crosses the LAN in the clear. SCRAM authentication still runs end to end between
the station and the server; the gateway never sees a password.

Stations pin the host certificate (its SHA-256 is part of the join code) and connect with
``sslmode=verify-ca`` against that one certificate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import ipaddress
import socket
import ssl
import struct
import threading
from collections.abc import Sequence
from pathlib import Path

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def make_host_certificate(cert_file: Path, key_file: Path, names: Sequence[str]) -> str:
    """A self-signed host certificate (EC P-256, ten years) for ``names`` (IPs or host names).

    Returns its SHA-256 fingerprint (hex, of the DER). The certificate is its own trust anchor:
    stations pin exactly it.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    sans: list[x509.GeneralName] = []
    for n in dict.fromkeys(names):
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            sans.append(x509.DNSName(n))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kamarhitung room host")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def certificate_fingerprint(cert_pem: bytes) -> str:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(cert_pem.decode("ascii"))).hexdigest()


def fetch_certificate(host: str, port: int, *, timeout: float = 10) -> bytes:
    """The certificate a room host presents (PEM), fetched the way a PostgreSQL client starts."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # pinned by the caller against the join code
    with socket.create_connection((host, port), timeout=timeout) as raw:
        raw.sendall(struct.pack("!II", 8, SSL_REQUEST))
        if raw.recv(1) != b"S":
            raise OSError(f"{host}:{port} does not offer TLS")
        with ctx.wrap_socket(raw, server_hostname=None) as tls:
            der = tls.getpeercert(binary_form=True)
    if der is None:  # pragma: no cover - a TLS server always presents one here
        raise OSError(f"{host}:{port} presented no certificate")
    return ssl.DER_cert_to_PEM_cert(der).encode("ascii")


def _fatal(message: str) -> bytes:
    fields = b"SFATAL\0VFATAL\0C28000\0M" + message.encode("utf-8") + b"\0\0"
    return b"E" + struct.pack("!I", len(fields) + 4) + fields


class TlsGateway:
    """Listens on ``listen``:``port``; forwards TLS clients from ``allow`` to loopback ``upstream``.

    One thread accepts; each connection has one thread that completes the handshake and then
    relays with blocking sockets (``poll`` on both, ``recv``/``sendall``), so the TLS records
    are read and written by OpenSSL on the socket itself, not through Python-level buffers
    (measured: about half the gateway's CPU per round trip of the asyncio streams it replaced).
    :meth:`stop` closes the listening socket and every connection.
    """

    def __init__(
        self,
        *,
        listen: str,
        port: int,
        upstream_port: int,
        cert_file: Path,
        key_file: Path,
        allow: Sequence[IPNetwork],
    ) -> None:
        self.listen = listen
        self.port = port
        self.upstream_port = upstream_port
        self.allow = list(allow)
        self._ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        self._ctx.load_cert_chain(str(cert_file), str(key_file))
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.refused = 0  # connections turned away (outside the room, or without TLS)

    def admits(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in net for net in self.allow)

    def start(self) -> None:
        try:
            family = (
                socket.AF_INET6
                if ipaddress.ip_address(self.listen).version == 6
                else socket.AF_INET
            )
        except ValueError:
            family = socket.AF_INET
        try:
            self._sock = socket.create_server((self.listen, self.port), family=family, backlog=128)
        except OSError as e:
            raise OSError(f"cannot listen on {self.listen}:{self.port}: {e}") from e
        self._sock.settimeout(0.5)  # so that stop() is noticed
        self._thread = threading.Thread(target=self._accept, name="room-tls-gateway", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        self._thread.join(10)
        self._thread = None
        with self._lock:
            still = list(self._open)
        for sock in still:
            _close(sock)

    def _accept(self) -> None:
        assert self._sock is not None
        try:
            while not self._stopping.is_set():
                try:
                    conn, peer = self._sock.accept()
                except TimeoutError:
                    continue
                except OSError:
                    if self._stopping.is_set():
                        return
                    continue
                threading.Thread(
                    target=self._client, args=(conn, peer), name="room-tls-client", daemon=True
                ).start()
        finally:
            self._sock.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def _client(self, raw: socket.socket, peer: tuple[object, ...]) -> None:
        socks = [raw]
        self._track(raw)
        try:
            if not peer or not self.admits(str(peer[0])):
                self.refused += 1
                return
            raw.settimeout(30)
            while True:
                head = _recv_exactly(raw, 8)
                if head is None:
                    return
                length, code = struct.unpack("!II", head)
                if length == 8 and code == GSSENC_REQUEST:
                    raw.sendall(b"N")
                    continue
                break
            if not (length == 8 and code == SSL_REQUEST):
                self.refused += 1
                raw.sendall(_fatal("this kamarhitung room accepts TLS connections only"))
                return
            raw.sendall(b"S")
            tls = self._ctx.wrap_socket(raw, server_side=True)  # the handshake, 30 s at most
            socks.append(tls)
            self._track(tls)
            up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
            socks.append(up)
            self._track(up)
            for sock in (tls, up):  # ``raw`` is detached into ``tls``
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            tls.settimeout(None)
            up.settimeout(None)
            if not self._stopping.is_set():
                _relay(tls, up)
        except (OSError, ValueError):  # ssl.SSLError is an OSError
            return
        finally:
            with self._lock:
                self._open.difference_update(socks)
            for sock in reversed(socks):
                _close(sock)


def _recv_exactly(sock: socket.socket, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _relay(tls: ssl.SSLSocket, up: socket.socket) -> None:
    """Copy bytes both ways until either side closes. A readable TLS socket may hold only part
    of a record (``recv`` then waits for the rest, which is on its way); bytes OpenSSL has
    decrypted already (``pending``) are read before polling again."""
    import select

    poller = select.poll()
    poller.register(tls.fileno(), select.POLLIN)
    poller.register(up.fileno(), select.POLLIN)
    tls_fd = tls.fileno()
    while True:
        ready = [tls_fd] if tls.pending() else [fd for fd, _ev in poller.poll()]
        for fd in ready:
            if fd == tls_fd:
                data = tls.recv(65536)
                if not data:
                    return
                up.sendall(data)
            else:
                data = up.recv(65536)
                if not data:
                    return
                tls.sendall(data)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
