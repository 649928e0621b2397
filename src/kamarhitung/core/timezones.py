"""Indonesia's three time zones, from a region's province code (Kemendagri).

Reports give times in the region's own zone, as Indonesian documents write them:
``pukul 21.00 WITA``. WIB (UTC+7): Sumatra, Java, West and Central Kalimantan. WITA (UTC+8):
Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi. WIT (UTC+9): Maluku and the
Papua provinces (including the four created in 2022, codes 93 to 96).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

_WITA_PROVINCES = frozenset(
    {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
)
_WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96"})


def zone_of(region_code: str) -> timezone:
    """The time zone of a region (any code: its first two digits are the province)."""
    prov = region_code.replace(".", "")[:2]
    if prov in _WIT_PROVINCES:
        return WIT
    if prov in _WITA_PROVINCES:
        return WITA
    return WIB


def zone_name(tz: timezone) -> str:
    return tz.tzname(None) or "WIB"


def local_time(t: datetime, region_code: str) -> datetime:
    """``t`` (aware) in the region's zone; a naive time is taken as UTC."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(zone_of(region_code))


def indonesian_time(t: datetime, region_code: str, *, seconds: bool = False) -> str:
    """``09-12-2026 pukul 21.00 WITA``: the date, the time and the zone of the region."""
    lt = local_time(t, region_code)
    clock = f"{lt:%H.%M.%S}" if seconds else f"{lt:%H.%M}"
    return f"{lt:%d-%m-%Y} pukul {clock} {zone_name(zone_of(region_code))}"
