"""The QR code printed on a case's letters: it opens the case's rating page. SVG, drawn by the
`qrcode` library, inlined in the page (no image file, no script)."""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
import qrcode.image.svg
from django.http import HttpRequest
from django.urls import reverse

_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")


def rating_url(request: HttpRequest, number: str) -> str:
    """The rating page's full address, as the letter's reader will scan it."""
    return request.build_absolute_uri(reverse("ratings:rate", kwargs={"number": number}))


@lru_cache(maxsize=256)
def qr_svg(text: str) -> str:
    """An inline <svg> of `text` as a QR code (error correction M: survives a crease)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=10)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = _DECLARATION.sub("", image.to_string(encoding="unicode"))
    return svg.replace("<svg ", '<svg class="qr" role="img" aria-label="评价二维码" ', 1)
