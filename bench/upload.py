"""Uploads per second through the 网上办 upload service, to each storage, beside plain disk copies.

For each size (1 MB and 5 MB) and kind (a PDF, kept as sent after its checks; a JPEG photo,
decoded and re-encoded) the same bytes are
- copied to a file on disk (write + fsync: the floor any store pays),
- uploaded through `services.upload` to the local store (data directory) and
- to an S3-compatible store (moto's standalone server over HTTP on loopback),
each row with its ratio to the disk copy in the same run, the peak Python memory
(tracemalloc) of one upload, and at the end the process's peak resident memory.
SQLite in a temporary data directory.

Run: python bench/upload.py [--count 40]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

DATA = tempfile.mkdtemp(prefix="shebao-bench-upload-")
os.environ["SHEBAO_DATA_DIR"] = DATA
os.environ["SHEBAO_ONLINE_MAX_FILES"] = "1000000"
os.environ["SHEBAO_ONLINE_MAX_FILE_MB"] = "8"
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shebao.web.settings")
for name, value in (("AWS_ACCESS_KEY_ID", "bench"), ("AWS_SECRET_ACCESS_KEY", "bench")):
    os.environ.setdefault(name, value)
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def pdf(size: int) -> bytes:
    head = b"%PDF-1.4\n1 0 obj<</Length " + str(size).encode() + b">>stream\n"
    body = random.Random(1).randbytes(size - len(head) - 40).replace(b"/", b"_")
    return head + body + b"\nendstream endobj\n%%EOF\n"


def jpeg(size: int) -> bytes:
    """A photo of noise about `size` bytes (noise does not compress: the worst case)."""
    from PIL import Image

    side = int((size / 0.9) ** 0.5)
    rng = random.Random(2)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def rate(count: int, run) -> tuple[float, float]:
    """Runs per second, and the peak memory (MB) of one more run."""
    run()
    start = time.perf_counter()
    for _ in range(count):
        run()
    per_second = count / (time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return per_second, peak


def disk_copy(folder: Path, content: bytes):
    count = [0]

    def copy() -> None:
        count[0] += 1
        with open(folder / f"{count[0]}.bin", "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())

    return copy


def through_service(rt, app, content: bytes):
    from shebao.web.online import services

    return lambda: services.upload(rt, app, "身份证", content, "x")


def row(label: str, where: str, speed: float, base: float, peak: float) -> None:
    print(f"{label:>11} {where:<22} {speed:8.1f} {speed / base:7.2f} {peak:8.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
    logging.getLogger("shebao").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from moto.server import ThreadedMotoServer

    from shebao.web.core import runtime
    from shebao.web.online import services
    from shebao.web.online.storage import storage

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    import boto3

    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="bench")
    stores = {
        "local": {"backend": "local", "root": str(Path(DATA) / "uploads")},
        "s3": {"backend": "s3", "bucket": "bench", "endpoint": endpoint},
    }
    rt = runtime()
    applicant = {"kind": "person", "id_number": "210202197001011233", "name": "王小明"}
    app = services.start(rt, 60, applicant | {"phone": "13804112233"}).application
    app.verified_at = app.created_at
    app.save()
    copies = Path(DATA) / "copies"
    copies.mkdir()
    print(f"{'MB':>5} {'kind':<5} {'where':<22} {'per s':>8} {'× disk':>7} {'peak MB':>8}")
    try:
        for mb in (1, 5):
            for kind, content in (("PDF", pdf(mb * 1_000_000)), ("JPEG", jpeg(mb * 1_000_000))):
                label = f"{len(content) / 1e6:.1f} {kind:<5}"
                base, peak = rate(args.count, disk_copy(copies, content))
                row(label, "disk copy (fsync)", base, base, peak)
                for name, config in stores.items():
                    settings.ONLINE_STORAGE = config
                    storage()  # made once, outside the timing
                    speed, peak = rate(args.count, through_service(rt, app, content))
                    row(label, f"upload → {name}", speed, base, peak)
    finally:
        server.stop()
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory (Pillow's buffers included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
