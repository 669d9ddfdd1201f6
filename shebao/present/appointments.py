"""Slots, bookings, queue tickets and the hall board as JSON-ready dicts and Chinese text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shebao.appointments.records import BookingInfo, HallBoard, ScheduleInfo, SlotInfo, TicketInfo


def _at(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the offset, to the second: 2026-10-09T09:00:00+08:00."""
    return value.isoformat(timespec="seconds") if value else None


def slot_dict(s: SlotInfo) -> dict[str, Any]:
    return {"start": _at(s.start), "end": _at(s.end), "capacity": s.capacity, "booked": s.booked}


def booking_dict(b: BookingInfo) -> dict[str, Any]:
    return {
        "code": b.code,
        "status": b.status,
        "status_label": b.status_label,
        "point": b.point,
        "point_name": b.point_name,
        "item": b.item,
        "item_name": b.item_name,
        "start": _at(b.start),
        "end": _at(b.end),
        "name": b.name,
        "id_number": b.masked_id,
        "phone": b.phone,
        "change_until": _at(b.change_until),
        "check_in_from": _at(b.check_in_from),
        "ticket": b.ticket,
    }


def ticket_dict(t: TicketInfo) -> dict[str, Any]:
    return {
        "ticket": t.ticket,
        "position": t.position,
        "ahead": t.ahead,
        "wait_minutes": t.wait_minutes,
        "status": t.status,
        "status_label": t.status_label,
        "kind": t.kind,
        "point": t.point,
        "point_name": t.point_name,
        "taken": _at(t.taken),
        "window": t.window,
        "called_at": _at(t.called_at),
        "recalls_left": t.recalls_left,
        "booking_code": t.booking_code,
        "slot_start": _at(t.slot_start),
        "name": t.name,
        "item": t.item,
        "item_name": t.item_name,
        "intake_url": t.intake_url,
    }


def ticket_text(t: TicketInfo) -> str:
    """What the ticket slip and the take-a-number page say."""
    if t.status != "waiting":
        return f"{t.ticket}：{t.status_label}" + (f"，请到 {t.window} 号窗口" if t.window else "")
    if t.ahead == 0:
        return f"您的号码 {t.ticket}，前面没有人等候，请留意叫号"
    return f"您的号码 {t.ticket}，前面还有 {t.ahead} 人，预计等候约 {t.wait_minutes} 分钟"


def board_dict(b: HallBoard) -> dict[str, Any]:
    return {
        "point": b.point,
        "point_name": b.point_name,
        "calling": [
            {"ticket": c.ticket, "window": c.window, "called_at": _at(c.called_at)}
            for c in b.calling
        ],
        "waiting": b.waiting,
        "now": _at(b.now),
    }


def call_text(ticket: str, window: str) -> str:
    """>>> call_text("A023", "3")
    '请 A023 号到 3 号窗口'
    """
    return f"请 {ticket} 号到 {window} 号窗口"


def schedule_dict(info: ScheduleInfo) -> dict[str, Any]:
    s = info.schedule
    return {
        "point": info.point,
        "point_name": info.point_name,
        "capacity": s.capacity,
        "slot_minutes": s.slot_minutes,
        "hours": s.hours_text,
        "own": info.own,  # False: the data file's default applies
    }


def schedule_text(info: ScheduleInfo) -> str:
    s = info.schedule
    source = "" if info.own else "（默认排班）"
    booking = f"每个时段可约 {s.capacity} 人" if s.capacity else "不开放预约"
    return (
        f"{info.point}（{info.point_name}）{source}：工作日 {s.hours_text.replace(',', '，')}，"
        f"每 {s.slot_minutes} 分钟一个时段，{booking}"
    )
