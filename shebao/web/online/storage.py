"""Where uploaded files live: one small interface, the data directory by default, any
S3-compatible object store (MinIO, Ceph, AWS) when `SHEBAO_ONLINE_S3_BUCKET` is set.

Keys are made by the services (application code / random name), never from what a person
typed, so a key cannot climb out of its directory. Files are never served from a public URL:
the views read them through `open` and answer only those allowed to see them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

from django.conf import settings


class Storage(Protocol):
    name: str

    def save(self, key: str, content: bytes) -> None: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under a directory (by default `<data dir>/uploads`), written whole then renamed."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key or key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad storage key {key!r}")
        return self.root / key

    def save(self, key: str, content: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Storage:
    """Objects in one bucket of an S3-compatible store, spoken to over HTTP(S) with boto3."""

    name = "s3"

    def __init__(self, bucket: str, endpoint: str | None = None, prefix: str = "") -> None:
        import boto3  # only when configured: the local store needs no SDK

        self.bucket, self.prefix = bucket, prefix
        self.client = boto3.client("s3", endpoint_url=endpoint or None)

    def save(self, key: str, content: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=content)

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)


_configured: dict[tuple, Storage] = {}


def storage() -> Storage:
    """The configured store (settings ONLINE_STORAGE), made once per configuration."""
    config = settings.ONLINE_STORAGE
    key = tuple(sorted(config.items()))
    if key not in _configured:
        if config.get("backend") == "s3":
            _configured[key] = S3Storage(
                config["bucket"], config.get("endpoint"), config.get("prefix", "")
            )
        else:
            _configured[key] = LocalStorage(
                Path(config.get("root") or settings.DATA_DIR / "uploads")
            )
    return _configured[key]
