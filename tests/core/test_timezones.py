"""Times in the region's own zone: WIB, WITA or WIT from the province code."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kamarhitung.core.timezones import indonesian_time, local_time, zone_name, zone_of

T = datetime(2026, 12, 9, 13, 5, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "zone", "text"),
    [
        ("3578", "WIB", "09-12-2026 pukul 20.05 WIB"),  # Kota Surabaya
        ("11.71", "WIB", "09-12-2026 pukul 20.05 WIB"),  # Banda Aceh
        ("6171", "WIB", "09-12-2026 pukul 20.05 WIB"),  # Pontianak
        ("5171", "WITA", "09-12-2026 pukul 21.05 WITA"),  # Denpasar
        ("6472", "WITA", "09-12-2026 pukul 21.05 WITA"),  # Samarinda
        ("737101", "WITA", "09-12-2026 pukul 21.05 WITA"),  # a kecamatan of Makassar
        ("8171", "WIT", "09-12-2026 pukul 22.05 WIT"),  # Ambon
        ("9119", "WIT", "09-12-2026 pukul 22.05 WIT"),  # Supiori
        ("9601", "WIT", "09-12-2026 pukul 22.05 WIT"),  # Papua Barat Daya (2022)
    ],
)
def test_zone_of_the_province(code: str, zone: str, text: str) -> None:
    assert zone_name(zone_of(code)) == zone
    assert indonesian_time(T, code) == text
    assert local_time(T, code) == T


def test_seconds_and_a_naive_time() -> None:
    assert indonesian_time(T, "7371", seconds=True) == "09-12-2026 pukul 21.05.07 WITA"
    assert indonesian_time(T.replace(tzinfo=None), "3578") == "09-12-2026 pukul 20.05 WIB"
