"""What an uploaded file really is, read from its bytes (never its name), and a clean copy.

Only PDF, JPEG and PNG are taken. Images are decoded and encoded again with Pillow, so what is
stored is pixels only: no EXIF (GPS, camera, owner), no comments, no bytes appended after the
image (a JPEG+ZIP polyglot loses its ZIP). A PDF cannot be rewritten this simply, so it is
kept as sent but refused when it does not start with a PDF header, does not end with its
end-of-file marker, or names an action that runs code or another program (JavaScript, Launch,
embedded files, forms that submit). Nothing here imports Django.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from shebao.errors import InputError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
KINDS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
MAX_PIXELS = 40_000_000  # a phone photo is about 12 million; more is a decompression bomb
JPEG_QUALITY = 85
# PDF names that make a reader run something; a name may spell letters as #xx (/J#61vaScript).
_DANGEROUS = (b"/javascript", b"/js", b"/launch", b"/embeddedfile", b"/submitform", b"/richmedia")
ACTIVE = "含有脚本或启动程序等可执行内容，不能上传；请以打印为 PDF 或扫描的方式重新生成"
_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_HEX = re.compile(rb"#([0-9a-fA-F]{2})")


class FileRefused(InputError):
    """The file is not one we take (422, said in Chinese)."""


@dataclass(frozen=True, slots=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str  # what the stored copy is called by, from its content


def sniff(head: bytes) -> str | None:
    """The content type the first bytes announce, if one we take.

    >>> sniff(b"%PDF-1.7\\n")
    'application/pdf'
    >>> sniff(b"MZ\\x90\\x00") is None
    True
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def clean(content: bytes, name: str = "") -> CleanFile:
    """The file to store, or FileRefused saying why (`name` only for the message)."""
    label = f"文件“{name}”" if name else "文件"
    if not content:
        raise FileRefused(f"{label}是空的（0 字节），请重新选择")
    kind = sniff(content[:16])
    if kind is None:
        raise FileRefused(
            f"{label}的内容不是 PDF、JPEG 或 PNG（按文件内容判断，与文件名无关），"
            "请上传扫描件或照片"
        )
    if kind == PDF:
        check_pdf(content, label)
        return CleanFile(content, PDF, "pdf")
    return reencode(content, kind, label)


def check_pdf(content: bytes, label: str = "文件") -> None:
    """A PDF with its end marker last and no active content; FileRefused otherwise.

    >>> check_pdf(b"%PDF-1.4\\n1 0 obj<</Type/Catalog>>endobj\\n%%EOF\\n")
    >>> try:
    ...     check_pdf(b"%PDF-1.4\\n<</S/J#61vaScript/JS(app.alert(1))>>\\n%%EOF")
    ... except FileRefused as refused:
    ...     print(refused)
    文件含有脚本或启动程序等可执行内容，不能上传；请以打印为 PDF 或扫描的方式重新生成
    """
    tail = content[-1024:].rstrip(b"\r\n\t \x00")
    if not tail.endswith(b"%%EOF"):
        raise FileRefused(f"{label}不是完整的 PDF（缺少文件结束标记，或结束后还附有其他内容）")
    for name in _NAME.findall(content):
        plain = _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), name).lower()
        if plain in _DANGEROUS:
            raise FileRefused(f"{label}{ACTIVE}")


def reencode(content: bytes, kind: str, label: str = "文件") -> CleanFile:
    """The image decoded and saved again: pixels only, turned upright by its EXIF orientation."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise FileRefused(f"{label}的像素过多（超过 {MAX_PIXELS // 1_000_000} 百万）")
                image.load()
                upright = ImageOps.exif_transpose(image)
    except FileRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise FileRefused(f"{label}无法作为图片读取（文件损坏或不完整）") from exc
    except Image.DecompressionBombError as exc:
        raise FileRefused(f"{label}的像素过多") from exc
    out = io.BytesIO()
    if kind == JPEG:
        upright.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return CleanFile(out.getvalue(), JPEG, "jpg")
    mode = upright.mode if upright.mode in ("1", "L", "LA", "RGB", "RGBA", "P") else "RGBA"
    upright.convert(mode).save(out, "PNG", optimize=False)
    return CleanFile(out.getvalue(), PNG, "png")
