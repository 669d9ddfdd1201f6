"""Identity documents and unified social credit codes: validated, normalised and masked."""

from __future__ import annotations

import hmac
import re
import unicodedata
from enum import StrEnum

from shebao.errors import InputError, echo
from shebao.rules.identity import PROVINCE_CODES, check_digit


class Document(StrEnum):
    """The documents the guide accepts for a person (item 61.1: 居民身份证, 港澳居民往来内地通行证,
    台湾居民来往大陆通行证, 护照, 外国人永久居留身份证)."""

    RESIDENT_ID = "resident_id"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    PASSPORT = "passport"
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident"

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self]

    @classmethod
    def parse(cls, value: object) -> Document:
        """The English key or the Chinese name.

        >>> Document.parse("护照")
        <Document.PASSPORT: 'passport'>
        """
        if isinstance(value, Document):
            return value
        text = value.strip() if isinstance(value, str) else None
        for kind in cls:
            if text in (kind.value, kind.label, *DOCUMENT_ALIASES.get(kind, ())):
                return kind
        valid = "、".join(f"{k.value}（{k.label}）" for k in cls)
        raise InputError(f"证件类型“{echo(value)}”不认识，可选：{valid}")


# The official names; the guide writes “港澳居民往来内地通行证”, accepted as an alias.
DOCUMENT_LABELS = {
    Document.RESIDENT_ID: "居民身份证",
    Document.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    Document.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    Document.PASSPORT: "护照",
    Document.FOREIGN_PERMANENT_RESIDENT: "外国人永久居留身份证",
}
DOCUMENT_ALIASES = {
    Document.RESIDENT_ID: ("身份证", "公民身份号码"),
    Document.HK_MACAO_PERMIT: ("港澳居民往来内地通行证", "回乡证"),
    Document.TAIWAN_PERMIT: ("台胞证",),
    Document.FOREIGN_PERMANENT_RESIDENT: ("永久居留身份证",),
}

MAX_CODE_CHARS = 40  # longer than any document number with its spaces: refused before work

# 港澳: H (Hong Kong) or M (Macao) and 8 digits (card, since 2013) or 10 (booklet before it).
_HK_MACAO = re.compile(r"[HM]([0-9]{8}|[0-9]{10})")
# 台湾: 8 digits (card, since 2015) or 10 digits (booklet), the booklet's issue letter optional.
_TAIWAN = re.compile(r"[0-9]{8}|[0-9]{10}[A-Z]?")
# Passports differ by country: letters and digits only (ICAO 9303 writes the number in 9 characters,
# some countries use fewer or a few more).
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")
# 外国人永久居留身份证: the 2004/2017 card, 3 letters (nationality) and 12 digits; the 2023 card,
# 18 digits starting with 9, built like the resident ID number and checked the same way (GB 11643).
_FOREIGN_OLD = re.compile(r"[A-Z]{3}[0-9]{12}")
_FOREIGN_NEW = re.compile(r"9[0-9]{16}[0-9X]")


def normalise_code(text: object, what: str) -> str:
    """A code as typed, made comparable: full-width characters read as ASCII, spaces and the
    separators people type dropped, letters upper case.

    >>> normalise_code(" ｈ１２３４ ５６７８ ", "证件号码")
    'H12345678'
    """
    if not isinstance(text, str):
        raise InputError(f"{what}应为文字，收到 {type(text).__name__} 类型的值")
    if len(text) > MAX_CODE_CHARS:
        raise InputError(f"{what}过长（{len(text)} 个字符），请核对")
    if text.isascii() and text.isalnum():  # as usually typed: nothing to fold or drop
        return text.upper()
    folded = unicodedata.normalize("NFKC", text)
    code = "".join(ch for ch in folded if not ch.isspace() and ch not in "-()").upper()
    if not code:
        raise InputError(f"请填写{what}")
    return code


def document_number(document: Document, text: object) -> str:
    """The number of a document other than the resident ID, normalised; InputError if malformed."""
    label = f"{document.label}号码"
    code = normalise_code(text, label)
    if document is Document.HK_MACAO_PERMIT and not _HK_MACAO.fullmatch(code):
        raise InputError(f"{label}应为 H 或 M 加 8 位（或旧版 10 位）数字，如 H12345678，请核对")
    if document is Document.TAIWAN_PERMIT and not _TAIWAN.fullmatch(code):
        raise InputError(f"{label}应为 8 位数字（旧版为 10 位数字），请核对")
    if document is Document.PASSPORT and not _PASSPORT.fullmatch(code):
        raise InputError(f"{label}应为 5—17 位字母或数字，请核对")
    if document is Document.FOREIGN_PERMANENT_RESIDENT:
        _foreign_permanent(code, label)
    return code


def _foreign_permanent(code: str, label: str) -> None:
    if _FOREIGN_OLD.fullmatch(code):
        return
    if not _FOREIGN_NEW.fullmatch(code):
        raise InputError(
            f"{label}应为 3 位字母加 12 位数字（旧版），"
            "或以 9 开头的 18 位号码（2023 年版），请核对"
        )
    if code[17] != check_digit(code[:17]):
        raise InputError(f"{label}校验码不符：第 18 位是“{code[17]}”，与前 17 位不相符，请逐位核对")


# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z), the weight of position i
# (1-based) is 3^(i-1) mod 31, and the check character makes the weighted sum ≡ 0 (mod 31).
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CREDIT_CODE_LENGTH = 18

# 登记管理部门代码 → (部门, 机构类别代码): GB 32100-2015 表 1 with the codes assigned since.
REGISTRARS = {
    "1": ("机构编制", "1239"),
    "2": ("外交", "19"),
    "3": ("司法行政", "123459"),
    "4": ("文化", "19"),
    "5": ("民政", "1239"),
    "6": ("旅游", "129"),
    "7": ("宗教", "129"),
    "8": ("工会", "19"),
    "9": ("市场监管（工商）", "123"),
    "A": ("中央军委改革和编制办公室", "19"),
    "N": ("农业农村", "1239"),
    "Y": ("其他", "1"),
}
# 登记管理机关行政区划码: a province's code, or 10 for registrations by a national authority.
_CREDIT_REGIONS = PROVINCE_CODES | {"10"}


def credit_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code for its first 17.

    >>> credit_check_char("91350100M000100Y4")
    '3'
    """
    total = sum(
        CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_ALPHABET[-total % 31]


def parse_credit_code(text: object) -> str:
    """A unified social credit code, checked part by part and by its check character.

    >>> parse_credit_code("91350100m000100y43")
    '91350100M000100Y43'
    """
    what = "统一社会信用代码"
    code = normalise_code(text, what)
    if len(code) != CREDIT_CODE_LENGTH:
        raise InputError(f"{what}应为 18 位，收到 {len(code)} 位")
    for position, ch in enumerate(code, 1):
        if ch not in CREDIT_ALPHABET:
            raise InputError(
                f"{what}第 {position} 位“{echo(ch)}”不是可用字符（数字和除 I、O、S、V、Z 以外的"
                "大写字母）"
            )
    registrar = REGISTRARS.get(code[0])
    if registrar is None:
        raise InputError(
            f"{what}第 1 位（登记管理部门代码）“{code[0]}”无效，应为 {'、'.join(REGISTRARS)} 之一"
        )
    if code[1] not in registrar[1]:
        raise InputError(
            f"{what}第 2 位（机构类别代码）“{code[1]}”与登记管理部门“{registrar[0]}”不符，"
            f"应为 {'、'.join(registrar[1])} 之一"
        )
    if not code[2:8].isdigit() or code[2:4] not in _CREDIT_REGIONS:
        raise InputError(f"{what}第 3—8 位应为登记管理机关的行政区划代码，“{code[2:8]}”不是")
    if code[17] != credit_check_char(code[:17]):
        raise InputError(
            f"{what}校验码不符：第 18 位是“{code[17]}”，与前 17 位不相符，"
            "代码中可能有抄错或顺序颠倒的字符，请逐位核对"
        )
    return code


def mask_id(text: str) -> str:
    """A document number or credit code as lists, logs and exports show it.

    An 18-character number keeps its first 6 and last 4 characters, hiding a birth date in
    positions 7–14 (resident ID, 2023 permanent residence card); other numbers keep their first 2
    and last 4, or less when short, so that at least half of the number is hidden.

    >>> mask_id("210202197001011233"), mask_id("H12345678"), mask_id("USA110072119001")
    ('210202********1233', 'H*****678', 'US*********9001')
    """
    try:
        code = normalise_code(text, "证件号码")
    except InputError:
        return "*" * min(len(str(text)), MAX_CODE_CHARS)
    if len(code) == 18:
        return code[:6] + "*" * 8 + code[-4:]
    head, tail = (2, 4) if len(code) >= 12 else (1, len(code) // 2 - 1)
    if tail < 1:
        return "*" * len(code)
    return code[:head] + "*" * (len(code) - head - tail) + code[-tail:]


def last6_matches(number: str, typed: object) -> bool:
    """Whether `typed` is the last 6 characters of a stored document number or credit code
    (full-width characters, spaces and case do not matter); compared in constant time.

    >>> last6_matches("210202197001011233", " 01１233"), last6_matches("210202197001011233", "1233")
    (True, False)
    >>> last6_matches("21020219700101123X", "01123x")
    True
    """
    if not isinstance(typed, str) or len(typed) > MAX_CODE_CHARS:
        return False
    folded = unicodedata.normalize("NFKC", typed)
    given = "".join(ch for ch in folded if not ch.isspace()).upper()
    return len(given) == 6 and hmac.compare_digest(given.encode(), number[-6:].upper().encode())


def id_search(typed: object) -> tuple[str, str]:
    """What a clerk types to find an applicant, as (first 6, last 4–6): the last 4–6 characters,
    or the first 6 and last 4 as lists show them (with or without the asterisks). Never more:
    a search must not let anyone probe the hidden middle of a number.

    >>> id_search(" 1233"), id_search("011233"), id_search("2102021233")
    (('', '1233'), ('', '011233'), ('210202', '1233'))
    >>> id_search("210202********123x")
    ('210202', '123X')
    >>> id_search("19700101")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shebao.errors.InputError: 证件号码“19700101”无法查找：请输入后 4—6 位，...
    """
    text = typed if isinstance(typed, str) else ""
    folded = unicodedata.normalize("NFKC", text[:MAX_CODE_CHARS])
    given = "".join(ch for ch in folded if not ch.isspace()).upper()
    head, _, tail = given.partition("*")
    tail = tail.lstrip("*")
    if "*" in given and len(head) == 6 and len(tail) == 4 and (head + tail).isalnum():
        return head, tail
    if given.isalnum() and 4 <= len(given) <= 6:
        return "", given
    if given.isalnum() and len(given) == 10:
        return given[:6], given[6:]
    raise InputError(
        f"证件号码“{echo(text)}”无法查找：请输入后 4—6 位，或前 6 位加后 4 位（如 2102021233）"
    )
