"""Open flags stay in status until acknowledged, however old; status carries code, tier and message."""
from datetime import timedelta


def test_an_unacknowledged_emergency_flag_stays_in_status_until_acknowledged(mem, clock):
    mem.entries.log_symptoms(["bladder_bowel"])
    clock.advance(days=30)
    codes = [f.code for f in mem.flags.open_flags()]
    assert "bladder_bowel" in codes
    mem.flags.acknowledge("bladder_bowel")
    assert "bladder_bowel" not in [f.code for f in mem.flags.open_flags()]


def test_an_old_three_day_episode_stays_flagged_until_acknowledged(mem, clock):
    start = clock() - timedelta(days=40)
    mem.entries.start_episode(at=start)
    mem.entries.end_episode(at=start + timedelta(hours=80))
    assert [f.code for f in mem.flags.open_flags()] == ["spasm_over_3_days"]
    mem.flags.acknowledge("spasm_over_3_days")
    assert mem.flags.open_flags() == []


def test_status_json_flags_carry_exactly_code_tier_message(mem):
    from app.services.status import status_json
    mem.entries.log_symptoms(["fever"])
    flags = status_json(mem.status())["flags"]
    assert flags and all(set(f) == {"code", "tier", "message"} for f in flags)


def test_demo_history_leaves_only_recent_flags_open(tmp_path, clock):
    from app.services import open_spasmlog
    from app.services.demo import generate
    svc = open_spasmlog(tmp_path / "demo.db", clock)
    generate(svc._repo, clock(), 3650, seed=3)
    assert all(f.raised_at >= clock() - timedelta(days=2) for f in svc.flags.open_flags())
    assert any(h["acknowledged_at"] for h in svc.flags.history(None, None))


def test_the_emergency_screens_understood_acknowledges_every_open_emergency_flag_in_one_step(mem):
    mem.entries.log_symptoms(["bladder_bowel", "saddle_numbness", "fever"])
    emergency = {f.code for f in mem.flags.open_flags() if f.tier == "emergency"}
    assert len(emergency) >= 2
    acks = mem.flags.acknowledge_tier("emergency")
    assert {a.code for a in acks} == emergency
    assert [f for f in mem.flags.open_flags() if f.tier == "emergency"] == []
    assert any(f.tier != "emergency" for f in mem.flags.open_flags())  # other tiers stay for their own "Seen"
    assert mem.flags.acknowledge_tier("emergency") == []  # nothing left: not an error
