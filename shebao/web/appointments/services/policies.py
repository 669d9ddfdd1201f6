"""The rules in force and each point's schedule: data defaults, with what administrators set."""

from __future__ import annotations

from django.db import transaction

from shebao.appointments import points
from shebao.appointments.policy import Policy, parse_override, policy
from shebao.appointments.records import ScheduleInfo
from shebao.appointments.schedules import Schedule, parse_hours
from shebao.errors import InputError
from shebao.runtime import Runtime
from shebao.web.appointments.models import RuleOverride
from shebao.web.appointments.models import Schedule as StoredSchedule


def current_policy(rt: Runtime) -> Policy:
    """The data file's defaults with the administrators' overrides on top (read every time:
    one small query, and an edit in the admin applies at once in every process)."""
    assert rt.catalog.directory is not None
    overrides = dict(RuleOverride.objects.values_list("key", "value"))
    return policy(rt.catalog.directory, overrides)


def set_rule(rt: Runtime, key: str, value: str) -> Policy:
    """Override one rule (checked as the data file is); the policy it makes must hold too."""
    parsed = parse_override(key, value)
    text = str(parsed).lower() if isinstance(parsed, bool) else str(parsed)
    with transaction.atomic():
        RuleOverride.objects.update_or_create(key=key.strip(), defaults={"value": text})
        return current_policy(rt)


def schedule_for(rt: Runtime, point: str, pol: Policy | None = None) -> Schedule:
    """The point's own schedule when one is stored, else the data file's default."""
    stored = StoredSchedule.objects.filter(point=point).first()
    if stored is None:
        return (pol or current_policy(rt)).schedule
    return Schedule(
        stored.capacity, stored.slot_minutes, parse_hours(stored.hours, stored.slot_minutes)
    )


def check_schedule(capacity: int, slot_minutes: int, hours: str) -> tuple[int, int, str]:
    if not 0 <= capacity <= 1000:
        raise InputError(f"每个时段可约人数应在 0—1000 之间，收到 {capacity}")
    if not 5 <= slot_minutes <= 480:
        raise InputError(f"每个时段分钟数应在 5—480 之间，收到 {slot_minutes}")
    return (
        capacity,
        slot_minutes,
        Schedule(capacity, slot_minutes, parse_hours(hours, slot_minutes)).hours_text,
    )


def set_schedule(
    rt: Runtime,
    point: str,
    capacity: int | None = None,
    slot_minutes: int | None = None,
    hours: str | None = None,
) -> ScheduleInfo:
    """Store a point's schedule; what is not given keeps its value (or the default's)."""
    place = points.point(rt.catalog, point)
    with transaction.atomic():
        current = schedule_for(rt, place.id)
        capacity, slot_minutes, text = check_schedule(
            current.capacity if capacity is None else capacity,
            current.slot_minutes if slot_minutes is None else slot_minutes,
            current.hours_text if hours is None else hours,
        )
        StoredSchedule.objects.update_or_create(
            point=place.id,
            defaults={"capacity": capacity, "slot_minutes": slot_minutes, "hours": text},
        )
        return ScheduleInfo(place.id, place.name, schedule_for(rt, place.id), True)


def bookable_points(rt: Runtime) -> list[tuple[str, str]]:
    """(id, name) of the points that take bookings now (capacity above 0)."""
    pol = current_policy(rt)
    return [
        (p.id, p.name)
        for p in points.points(rt.catalog)
        if schedule_for(rt, p.id, pol).capacity > 0
    ]


def items_at(rt: Runtime, point: str) -> list[tuple[int, str]]:
    place = points.point(rt.catalog, point)
    return [(i.no, i.name) for i in points.items_at(rt.catalog, place.id)]


def point_name(rt: Runtime, point: str) -> str:
    return points.point(rt.catalog, point).name


def schedules(rt: Runtime, point: str | None = None) -> list[ScheduleInfo]:
    """Each point's schedule in force (one point's when given), saying whose it is."""
    places = [points.point(rt.catalog, point)] if point else points.points(rt.catalog)
    pol = current_policy(rt)
    own = set(StoredSchedule.objects.values_list("point", flat=True))
    return [ScheduleInfo(p.id, p.name, schedule_for(rt, p.id, pol), p.id in own) for p in places]
