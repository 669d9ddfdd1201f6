"""JSON in and out: bodies read strictly with Chinese messages, answers written as UTF-8."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from shebao.errors import InputError, echo


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"请求体中的“{echo(key)}”写了两次，请只保留一个")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise InputError(f"请求体中的 {name} 不是 JSON 允许的数")


def read_json(body: bytes) -> Any:
    """A request body as JSON: UTF-8 only, no duplicate keys, no NaN, bounded nesting.

    >>> read_json(b'{"item": 24}')
    {'item': 24}
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("请求体不是 UTF-8 编码的文本") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"请求体不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 个字符附近有误）"
        ) from None
    except RecursionError:
        raise InputError("请求体的嵌套层数过多") from None
    except InputError:
        raise
    except ValueError:  # an integer with more digits than Python converts
        raise InputError("请求体中有位数过多的数") from None


class StrictParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        return read_json(request.body)


class Utf8Renderer(BaseRenderer):
    """JSON as the CLI's --json prints it: Chinese as characters, not \\u escapes."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")
