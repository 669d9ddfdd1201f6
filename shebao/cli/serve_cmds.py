"""`shebao serve`: the web site and API under Granian, on the data directory."""

from __future__ import annotations

import argparse

from shebao.cli.stored import add_data_dir, open_store


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 0 <= int(text) <= 65535):
        raise argparse.ArgumentTypeError(f"端口应为 0—65535 的整数，收到“{text}”")
    return int(text)


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 64):
        raise argparse.ArgumentTypeError(f"应为 1—64 的整数，收到“{text}”")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="启动网站和 API（Granian，可用于生产）",
        description="迁移数据库、载入指南，然后在前台运行 Granian；SIGTERM 或 Ctrl-C 停止"
        "服务及其全部工作进程。首次启动时在数据目录中生成密钥。",
    )
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=_port, default=8000, help="端口（默认 8000；0 为任一空闲端口）")
    p.add_argument("--workers", type=_count, help="工作进程数（默认 CPU 核数）")
    p.add_argument("--threads", type=_count, help="每个工作进程的线程数（默认 4）")
    add_data_dir(p)
    p.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.accounts.services import has_administrator
    from shebao.web.server import THREADS, ServerConfig, default_workers, run

    config = ServerConfig(
        args.host, args.port, args.workers or default_workers(), args.threads or THREADS
    )
    print(f"数据目录：{store.data_dir}")
    print(
        f"数据库：{store.database}"
        + (f"（已迁移 {store.migrations_applied} 项）" if store.migrations_applied else "")
    )
    print(
        f"指南版本：{store.runtime.guide.version}；国家参数版本：{store.runtime.parameters.version}"
    )
    if store.secret_created:
        print(
            f"首次启动：已在 {store.data_dir / 'secret_key'} 生成密钥（仅本机可读，勿提交到 git）"
        )
    if not has_administrator():
        where = f" --data-dir {store.data_dir}" if args.data_dir else ""
        print(f"还没有管理员。创建第一个管理员：shebao users add admin --role admin{where}")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("注意：从其他主机访问时，请用环境变量 SHEBAO_ALLOWED_HOSTS 列出网站的主机名")
    print(f"工作进程 {config.workers} 个，每个 {config.threads} 个线程", flush=True)

    def ready(urls: str) -> None:
        print(f"shebao 已在 {urls} 提供服务（API 文档 /api/docs；Ctrl-C 停止）", flush=True)

    run(config, ready)
    return 0
