"""HTTP throughput and latency of `shebao serve` as it runs in production, beside nginx.

Starts `shebao serve` with its production defaults (Granian, one worker per core with 4 Python
threads, a fresh SQLite data directory) and, when the Debian package is installed, nginx
serving a static copy of the same item page. Then, from a separate process on loopback, 50
concurrent keep-alive clients (default) load each target in turn: the home page, an item page,
`GET /api/search` and nginx's copy of the item page. Prints requests per second, median and
p99 latency and errors for each, and the item page's throughput as a share of nginx's.

Goals: item pages at ≥ 1/3 of nginx's throughput; p99 < 50 ms at 50 clients. The load client
and both servers share this machine's cores (and, here, with whatever else runs on it), so
compare the figures of one run with each other, not across machines.

Two more baselines answer the same bytes with a three-line WSGI app: Granian configured as
`shebao serve` configures it (the ceiling of any Python page on this server), and gunicorn as
`shebao serve` ran it before (gthread, cores + 1 workers of 4 threads): the measured reason the
server changed.

The load client is `wrk` when installed (C; `apt-get install wrk`), else a Python asyncio
client in as many processes as there are cores. `apt-get install nginx wrk` for the full run.

Run: python bench/http_speed.py [--clients 50] [--duration 10] [--client auto|wrk|python]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urlsplit

ITEM = "/items/24"
TARGETS = (
    (f"shebao 事项页 {ITEM}", ITEM),
    ("shebao 首页 /", "/"),
    ("shebao GET /api/search", "/api/search?q=" + quote("社保卡丢了")),
)
READY = re.compile(r"已在 (http://\S+/) 提供服务")
WARM_UP_SECONDS = 2.0
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


class Figures(NamedTuple):
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# --- the servers -------------------------------------------------------------------------


@contextlib.contextmanager
def shebao_serve(data_dir: Path) -> Iterator[str]:
    """`shebao serve` in its own session, as an operator starts it; yields its address."""
    env = {k: v for k, v in os.environ.items() if k not in ("SHEBAO_DATA_DIR", "DATABASE_URL")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    args = [sys.executable, "-m", "shebao", "serve", "--port", "0", "--data-dir", str(data_dir)]
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield _wait_for_address(process)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for_address(process: subprocess.Popen[str], timeout: float = 120) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline and selector.select(deadline - time.monotonic()):
            line = process.stdout.readline()
            if not line:
                break
            if found := READY.search(line):
                return found.group(1).rstrip("/")
    raise SystemExit("shebao serve did not start")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


NGINX_CONF = """\
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/root;
    location = {item} {{ default_type "text/html; charset=utf-8"; try_files /item.html =404; }}
  }}
}}
"""


@contextlib.contextmanager
def nginx_serving(page: bytes, workdir: Path) -> Iterator[str]:
    """nginx serving `page` at ITEM, one worker per core; yields its address."""
    assert NGINX is not None
    (workdir / "root").mkdir(parents=True)
    (workdir / "tmp").mkdir()
    (workdir / "root" / "item.html").write_bytes(page)
    for folder in (workdir.parent, workdir, workdir / "root"):  # nginx's workers drop root
        folder.chmod(0o755)
    (workdir / "root" / "item.html").chmod(0o644)
    port = free_port()
    conf = workdir / "nginx.conf"
    workers = os.cpu_count() or 1
    conf.write_text(NGINX_CONF.format(workers=workers, dir=workdir, port=port, item=ITEM))
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(workdir)], stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                get(address + ITEM)
                break
            time.sleep(0.05)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=20)


BYTES_APP = """\
from pathlib import Path

PAGE = (Path(__file__).parent / "item.html").read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [PAGE]
"""


@contextlib.contextmanager
def bytes_server(server: str, page: bytes, workdir: Path) -> Iterator[str]:
    """A server configured as `shebao serve` configures it (granian), or as it was configured
    before (gunicorn, gthread, cores + 1 workers of 4 threads), answering the page's bytes and
    nothing else: the most any Python page can do on that server (no Django, no view)."""
    from shebao.web.server import THREADS, default_workers

    workdir.mkdir()
    (workdir / "item.html").write_bytes(page)
    (workdir / "pagebytes.py").write_text(BYTES_APP)
    port = free_port()
    if server == "granian":
        args = [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--workers",
            str(default_workers()), "--blocking-threads", str(THREADS), "--host", "127.0.0.1",
            "--port", str(port), "--working-dir", str(workdir), "--log-level", "warning",
            "pagebytes:app",
        ]  # fmt: skip
    else:
        args = [
            sys.executable, "-m", "gunicorn", "--chdir", str(workdir), "-k", "gthread",
            "-w", str(default_workers() + 1), "--threads", str(THREADS), "--keep-alive", "5",
            "-b", f"127.0.0.1:{port}", "pagebytes:app",
        ]  # fmt: skip
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(OSError):
                get(address + ITEM)
                break
            time.sleep(0.05)
        yield address
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def get(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


# --- the load clients --------------------------------------------------------------------


def load(url: str, clients: int, seconds: float, client: str) -> Figures:
    if client == "wrk":
        return _wrk(url, clients, seconds)
    return _python_load(url, clients, seconds)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, clients: int, seconds: float) -> Figures:
    threads = min(os.cpu_count() or 1, clients)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def latency(pct: str) -> float:
        value, unit = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * _UNITS[unit]

    total, took = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out).groups()[:2]
    unit = re.search(r"\d+ requests in [\d.]+(us|ms|s|m)", out).group(1)
    took_s = float(took) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return Figures(int(total), took_s, latency("50"), latency("99"), errors)


def _python_load(url: str, clients: int, seconds: float) -> Figures:
    """Keep-alive clients in asyncio, spread over one process per core."""
    processes = max(1, min(os.cpu_count() or 1, clients))
    shares = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        parts = pool.starmap(_client_process, [(url, n, seconds) for n in shares])
    latencies = sorted(ms for part in parts for ms in part[0])
    errors = sum(part[1] for part in parts)
    if not latencies:
        return Figures(0, seconds, 0.0, 0.0, errors)
    return Figures(len(latencies), seconds, _pct(latencies, 50), _pct(latencies, 99), errors)


def _pct(ordered: list[float], pct: int) -> float:
    return ordered[min(len(ordered) - 1, len(ordered) * pct // 100)]


def _client_process(url: str, connections: int, seconds: float) -> tuple[list[float], int]:
    return asyncio.run(_clients(url, connections, seconds))


async def _clients(url: str, connections: int, seconds: float) -> tuple[list[float], int]:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: shebao-bench\r\n"
        "Accept: */*\r\n\r\n"
    ).encode()
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = [0]

    async def one() -> None:
        reader = writer = None
        while time.perf_counter() < deadline:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                started = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
                await reader.readexactly(length)
                latencies.append((time.perf_counter() - started) * 1000)
                if not head.startswith(b"HTTP/1.1 200"):
                    errors[0] += 1
                if re.search(rb"(?i)connection:\s*close", head):
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, AttributeError):
                errors[0] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(one() for _ in range(connections)))
    return latencies, errors[0]


# --- the run -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per target")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    if client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk, or --client python")

    cores = os.cpu_count() or 1
    print(
        f"{args.clients} concurrent keep-alive clients, {args.duration:g} s per target, "
        f"load client: {client}, {cores} cores, load average {os.getloadavg()[0]:.1f}"
    )
    rows: list[tuple[str, Figures]] = []
    with tempfile.TemporaryDirectory(prefix="shebao-bench-http-") as tmp:
        with shebao_serve(Path(tmp) / "data") as site:
            for _, path in TARGETS:  # warm every worker's caches under load, untimed
                load(site + path, args.clients, WARM_UP_SECONDS, client)
            page = get(site + ITEM)
            for name, path in TARGETS:
                rows.append((name, load(site + path, args.clients, args.duration, client)))
        for server in ("granian", "gunicorn"):
            with bytes_server(server, page, Path(tmp) / f"bytes-{server}") as ceiling:
                figures = load(ceiling + ITEM, args.clients, args.duration, client)
                rows.append((f"{server} 只回页面字节（该服务器的上限）", figures))
        if NGINX is None:
            print("nginx is not installed (apt-get install nginx): no static baseline this run")
        else:
            with nginx_serving(page, Path(tmp) / "nginx") as static:
                figures = load(static + ITEM, args.clients, args.duration, client)
                rows.append((f"nginx 静态副本 {ITEM}", figures))
    _report(rows)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine counts)")


def _report(rows: list[tuple[str, Figures]]) -> None:
    print(f"{'target':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, f in rows:
        print(f"{name:<34} {f.rps:>9.0f} {f.p50_ms:>8.1f} {f.p99_ms:>8.1f} {f.errors:>7}")
    by_name = dict(rows)
    item = by_name[TARGETS[0][0]]
    nginx = next((f for n, f in rows if n.startswith("nginx")), None)
    if nginx and nginx.rps:
        share = item.rps / nginx.rps
        verdict = "met" if share >= 1 / 3 else "NOT met"
        print(f"item page / nginx throughput: {share:.3f} (goal ≥ 0.333: {verdict})")
    for name, f in rows[:3]:
        verdict = "met" if f.p99_ms < 50 else "NOT met"
        print(f"p99 {name}: {f.p99_ms:.1f} ms (goal < 50 ms: {verdict})")


if __name__ == "__main__":
    main()
