"""The written documents (文书) a case gives the applicant, one kind for each intake outcome."""

from __future__ import annotations

from enum import StrEnum

from shebao.cases.status import Status
from shebao.errors import InputError, echo


class Letter(StrEnum):
    ACCEPTANCE = "acceptance"
    REFUSAL = "refusal"
    NOTICE = "notice"
    COMMITMENT = "commitment"

    @property
    def title(self) -> str:
        return LETTER_TITLES[self]

    @classmethod
    def parse(cls, value: object) -> Letter:
        """
        >>> Letter.parse("notice").title
        '一次性告知书'
        """
        for kind in cls:
            if value == kind.value:
                return kind
        valid = "、".join(f"{k.value}（{k.title}）" for k in cls)
        raise InputError(f"没有“{echo(value)}”这种文书，可选：{valid}")


LETTER_TITLES = {
    Letter.ACCEPTANCE: "受理通知书",
    Letter.REFUSAL: "不予受理决定书",
    Letter.NOTICE: "一次性告知书",
    Letter.COMMITMENT: "容缺受理通知书",  # with the 容缺受理承诺书 the applicant signed
}

# The document the decision gives, by the intake's outcome (the case's first status).
LETTER_FOR_OUTCOME = {
    Status.ACCEPTED: Letter.ACCEPTANCE,
    Status.REFUSED: Letter.REFUSAL,
    Status.RETURNED: Letter.NOTICE,
    Status.ACCEPTED_PENDING_MATERIALS: Letter.COMMITMENT,
}


def letter_for(outcome: Status | str) -> Letter:
    """
    >>> letter_for("returned").value
    'notice'
    """
    return LETTER_FOR_OUTCOME[Status.parse(outcome)]
