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

import asyncio
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

    Runs its own event loop in a daemon thread; :meth:`stop` closes it and every connection.
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
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.refused = 0  # connections turned away (outside the room, or without TLS)

    def admits(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in net for net in self.allow)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="room-tls-gateway", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise OSError(f"cannot listen on {self.listen}:{self.port}: {self._error}")

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(self._client, self.listen, self.port, reuse_address=True)
            )
        except OSError as e:
            self._error = e
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            pending = asyncio.all_tasks(loop)
            for t in pending:
                t.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        try:
            if not peer or not self.admits(str(peer[0])):
                self.refused += 1
                return
            while True:
                head = await asyncio.wait_for(reader.readexactly(8), 30)
                length, code = struct.unpack("!II", head)
                if length == 8 and code == GSSENC_REQUEST:
                    writer.write(b"N")
                    await writer.drain()
                    continue
                break
            if not (length == 8 and code == SSL_REQUEST):
                self.refused += 1
                writer.write(_fatal("this kamarhitung room accepts TLS connections only"))
                await writer.drain()
                return
            writer.write(b"S")
            await writer.drain()
            await asyncio.wait_for(writer.start_tls(self._ctx), 30)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            try:
                await asyncio.gather(_pump(reader, up_writer), _pump(up_reader, writer))
            finally:
                up_writer.close()
        except (TimeoutError, asyncio.IncompleteReadError, OSError, ssl.SSLError):
            return
        finally:
            writer.close()


async def _pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    try:
        while data := await src.read(65536):
            dst.write(data)
            await dst.drain()
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            if dst.can_write_eof():
                dst.write_eof()
            else:
                dst.close()
        except (OSError, RuntimeError):
            pass
