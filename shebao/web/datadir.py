"""The data directory: where the SQLite database and the secret key live (no Django here)."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from shebao.errors import ShebaoError

DATA_DIR_ENV = "SHEBAO_DATA_DIR"
SECRET_FILE = "secret_key"
DATABASE_FILE = "shebao.sqlite3"


def default_data_dir() -> Path:
    """`$SHEBAO_DATA_DIR`, else the per-user data directory (`$XDG_DATA_HOME/shebao`)."""
    if configured := os.environ.get(DATA_DIR_ENV):
        return Path(configured).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "shebao"


def prepare(path: Path | str | None = None) -> Path:
    """The data directory, created (0700: it holds personal data and the secret) if missing."""
    directory = Path(path).expanduser() if path else default_data_dir()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ShebaoError(f"无法创建数据目录 {directory}：{exc.strerror}") from None
    if not directory.is_dir():
        raise ShebaoError(f"数据目录 {directory} 不是目录")
    return directory.resolve()


def secret_key(directory: Path) -> tuple[str, bool]:
    """The secret key kept in the data directory, created (0600) on first use; (key, created).

    Creation is atomic: a key is written to a temporary file and linked into place, so two
    processes starting at once agree on one key and nobody reads half a file.
    """
    target = directory / SECRET_FILE
    if (key := _read_key(target)) is not None:
        return key, False
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".secret_key.")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, target)
            created = True
        except FileExistsError:
            created = False
    except OSError as exc:
        raise ShebaoError(f"无法在 {directory} 中创建密钥文件：{exc.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    key = _read_key(target)
    if key is None:
        raise ShebaoError(f"密钥文件 {target} 创建后不见了，请检查数据目录")
    return key, created


def _read_key(target: Path) -> str | None:
    try:
        key = target.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ShebaoError(f"无法读取密钥文件 {target}：{exc}") from None
    if len(key) < 32:
        raise ShebaoError(f"密钥文件 {target} 内容过短或为空；删除它后重新启动会生成新的密钥")
    return key
