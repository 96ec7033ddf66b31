"""The screens say times in the zone the app's clock carries, not the machine's (the process's zone)."""
import pytest

from tests.conftest import TEST_TZ

pytestmark = pytest.mark.ui

# 11:00 UTC is already Tuesday 00:45 in Chatham: its Journal has a Today and a Yesterday where UTC has one day.
AT = "2026-03-02T11:00:00+00:00"


@pytest.mark.parametrize("clock_zone", ["Pacific/Chatham", "America/St_Johns"])
def test_the_screens_say_the_clocks_wall_times(ui, journal_path, clock_zone):
    if clock_zone == TEST_TZ:
        pytest.skip("the process runs in this zone already")
    ui("zone_screens", journal_path, at=AT, zone=clock_zone)
