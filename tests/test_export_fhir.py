"""FHIR a server can import (issue 12, point 6): an R4 transaction Bundle validated with fhir.resources' R4B models,
PUT requests, ids from the journal's random id (stable across a moved file, new for another journal)."""
from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from app.services import open_spasmlog
from app.services.export import export
from tests.conftest import T0, FakeClock

# The local days the case's entries fall on (one in UTC, two in a zone west of it such as St John's).
FIRST_DAY, LAST_DAY = (T0 - timedelta(hours=8)).astimezone().date(), T0.astimezone().date()


def small_case(path):
    """An episode, pain, ice, a dose with and one without a strength, two symptom checks (one raising a flag)."""
    clock = FakeClock(T0 - timedelta(hours=8))
    svc = open_spasmlog(path, clock)
    svc.settings.update_profile(name="Anna Example", born="1971-04-09")
    svc.entries.start_episode(regions=["lower_back_left", "lower_back_right"], trigger="lifting", note="box")
    svc.entries.log_pain(8, note="stabbing")
    svc.entries.log_symptoms("none")
    clock.advance(minutes=10)
    svc.therapy.start("ice", barrier=True, pain_before=8)
    clock.advance(minutes=9)
    svc.therapy.stop()
    svc.entries.log_dose("Ibuprofen", "nsaid", dose="400 mg")
    svc.entries.log_dose("Heat rub", "other", dose="a little")
    clock.advance(hours=2)
    svc.entries.log_symptoms(["radiating_pain"])
    clock.advance(minutes=5)
    svc.flags.acknowledge("radiating_pain")
    clock.at = T0
    return svc


def bundle_of(svc, folder):
    [path] = export(svc, folder, FIRST_DAY, LAST_DAY, "fhir")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def case(tmp_path):
    svc = small_case(tmp_path / "j" / "journal.db")
    yield svc, bundle_of(svc, tmp_path / "out")
    svc.close()


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_is_a_transaction_that_validates_against_r4b(case):
    from fhir.resources.R4B.bundle import Bundle
    _, bundle = case
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "transaction"
    for entry in bundle["entry"]:
        kind, rid = entry["resource"]["resourceType"], entry["resource"]["id"]
        assert entry["request"] == {"method": "PUT", "url": f"{kind}/{rid}"}
        assert entry["fullUrl"] == f"urn:uuid:{rid}"
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])


def test_every_kind_of_entry_has_its_resource(case):
    _, bundle = case
    counts = {k: len(resources(bundle, k)) for k in ("Patient", "Condition", "Procedure", "Observation",
                                                     "MedicationStatement", "Flag")}
    # Observations: 2 pain scores (one given with the ice start) + 8 answers x 2 symptom checks.
    assert counts == {"Patient": 1, "Condition": 1, "Procedure": 1, "Observation": 2 + 16,
                      "MedicationStatement": 2, "Flag": 1}
    patient_ref = f"Patient/{resources(bundle, 'Patient')[0]['id']}"
    assert all(e["resource"].get("subject", {"reference": patient_ref})["reference"] == patient_ref
               for e in bundle["entry"])


def test_patient_has_name_and_birth_date(case):
    _, bundle = case
    (patient,) = resources(bundle, "Patient")
    assert patient["name"] == [{"text": "Anna Example"}] and patient["birthDate"] == "1971-04-09"


def test_episode_is_a_condition_with_onset_body_site_and_trigger(case):
    _, bundle = case
    (condition,) = resources(bundle, "Condition")
    assert condition["code"] == {"text": "Back muscle spasm"}  # no unverified code
    assert condition["clinicalStatus"]["coding"][0]["code"] == "active"
    assert condition["bodySite"][0]["coding"][0]["code"] == "37822005"
    assert {"text": "Trigger: Lifting."} in condition["note"]
    assert condition["onsetDateTime"] == (T0 - timedelta(hours=8)).astimezone().isoformat()


def test_ice_is_a_procedure_with_its_period(case):
    _, bundle = case
    (procedure,) = resources(bundle, "Procedure")
    assert procedure["code"] == {"text": "Cold therapy"} and procedure["status"] == "completed"
    start, end = procedure["performedPeriod"]["start"], procedure["performedPeriod"]["end"]
    assert start < end


def test_each_symptom_answer_is_an_observation_yes_and_no(case):
    _, bundle = case
    answers = [o for o in resources(bundle, "Observation") if "valueBoolean" in o]
    assert len(answers) == 16
    yes = [o for o in answers if o["valueBoolean"]]
    assert [o["code"]["text"] for o in yes] == ["Does the pain travel down into a leg?"]
    assert all(o["category"][0]["coding"][0]["code"] == "survey" for o in answers)


def test_dose_quantity_in_ucum_where_the_dose_parses(case):
    _, bundle = case
    by_name = {s["medicationCodeableConcept"]["text"]: s for s in resources(bundle, "MedicationStatement")}
    quantity = by_name["Ibuprofen"]["dosage"][0]["doseAndRate"][0]["doseQuantity"]
    assert quantity == {"value": 400.0, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}
    assert by_name["Heat rub"]["dosage"] == [{"text": "a little"}]  # no number and unit: text only


def test_flag_is_inactive_once_acknowledged_with_its_period(case):
    _, bundle = case
    (flag,) = resources(bundle, "Flag")
    assert flag["status"] == "inactive"
    assert flag["period"]["start"] < flag["period"]["end"]
    assert "radiating into a leg" in flag["code"]["text"] and "radiating_pain" not in flag["code"]["text"]


def test_pain_observation_uses_loinc(case):
    _, bundle = case
    pains = [o for o in resources(bundle, "Observation") if "valueInteger" in o]
    assert {o["code"]["coding"][0]["code"] for o in pains} == {"72514-3"}
    assert {o["valueInteger"] for o in pains} == {8}
    assert all(o["focus"][0]["reference"].startswith("Condition/") for o in pains)


def test_ids_stay_when_the_file_moves_and_differ_for_another_journal(case, tmp_path):
    svc, first = case
    path = svc.path
    svc.close()
    moved = tmp_path / "elsewhere" / "renamed.db"
    moved.parent.mkdir()
    shutil.move(path, moved)
    again = open_spasmlog(moved, FakeClock(T0))
    try:
        assert [e["fullUrl"] for e in bundle_of(again, tmp_path / "out2")["entry"]] == \
            [e["fullUrl"] for e in first["entry"]]
    finally:
        again.close()
    other = small_case(path)  # a new journal at the old path, with the same entries
    try:
        second = bundle_of(other, tmp_path / "out3")
    finally:
        other.close()
    assert not {e["fullUrl"] for e in second["entry"]} & {e["fullUrl"] for e in first["entry"]}
