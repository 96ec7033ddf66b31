"""The FHIR R4 export (CLINICAL.md section 6): a transaction Bundle a server can import twice without duplicates.

Language: codes and their `display` stay as the code system publishes them (LOINC, SNOMED CT and HL7 displays are
English; FHIR's `display` is the system's own text, not a translation). Every `text` and `note` is written for the
person's doctor, so it follows the language setting, and each resource says which language that is (`language`)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

from ..core.dose import parse_strength
from ..core.guidance import guidance, label
from ..core.i18n import N_, _, language, listed
from ..core.therapy import counted
from ..core.timeutil import iso_local
from ..store.private import private_file

LOINC_PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
SNOMED_LOWER_BACK = ("37822005", "Lower back structure")  # CLINICAL.md section 6
LOWER_BACK_REGIONS = {"lower_back_left", "lower_back_right"}
UCUM = "http://unitsofmeasure.org"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
                      "display": "Survey"}]}
# No SNOMED CT code for a back spasm or for cold and heat therapy could be verified from a terminology source,
# so these are text only (CLINICAL.md: never an invented code).
EPISODE_TEXT = N_("Back muscle spasm")
THERAPY_TEXT = {"ice": N_("Cold therapy"), "heat": N_("Heat therapy")}


class Ids:
    """Stable ids: a UUID per entry, derived from the journal's random id (not its path) and the entry's own."""

    def __init__(self, journal_id: str):
        self.root = uuid.UUID(journal_id)

    def __call__(self, kind: str, key) -> str:
        return str(uuid.uuid5(self.root, f"{kind}:{key}"))


def _entry(resource: dict) -> dict:
    kind, rid = resource["resourceType"], resource["id"]
    resource["language"] = language()  # the language of its texts and notes (BCP 47: en, de)
    return {"fullUrl": f"urn:uuid:{rid}", "resource": resource, "request": {"method": "PUT", "url": f"{kind}/{rid}"}}


def _body_site(regions) -> dict | None:
    regions = tuple(r for r in regions if r)
    if not regions:
        return None
    text = listed(label("regions", r) for r in regions)
    if set(regions) <= LOWER_BACK_REGIONS:
        code, display = SNOMED_LOWER_BACK
        return {"coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}], "text": text}
    return {"text": text}


def fhir_bundle(svc, start: datetime, end: datetime) -> dict:
    """Patient, a Condition per episode, a Procedure per ice or heat session, an Observation per pain score and per
    symptom-check answer, a MedicationStatement per dose and a Flag per raised flag, for [start, end)."""
    repo, zone = svc._repo, svc.zone  # times with the offset of the person's zone, from the clock
    ids = Ids(repo.journal_id())
    patient_id = ids("patient", 0)
    subject = {"reference": f"Patient/{patient_id}"}
    profile = svc.settings.profile()
    patient = {"resourceType": "Patient", "id": patient_id, "active": True}
    if profile.name:
        patient["name"] = [{"text": profile.name}]
    if profile.born:
        patient["birthDate"] = profile.born
    entries = [_entry(patient)]
    episodes = repo.overlapping_episodes(start, end)
    episode_ids = {e.id: ids("episode", e.id) for e in episodes}
    for e in episodes:
        entries.append(_entry(_condition(e, episode_ids[e.id], subject, zone)))
    for s in counted(repo.between("therapy", start, end)):
        entries.append(_entry(_procedure(s, ids("therapy", s.id), subject, zone)))
    for p in repo.between("pain", start, end):
        entries.append(_entry(_pain(p, ids("pain", p.id), subject, episodes, episode_ids, zone)))
    questions = guidance()["codes"]["symptoms"]
    for check in repo.between("symptoms", start, end):
        for code, q in questions.items():
            entries.append(_entry(_answer(check, code, q, ids("symptoms", f"{check.id}:{code}"), subject, zone)))
    for d in repo.between("dose", start, end):
        entries.append(_entry(_dose(d, ids("dose", d.id), subject, zone)))
    for f in svc.flags.history(start, end):
        entries.append(_entry(_flag(f, ids("flag", f"{f['code']}:{f['key']}"), subject, zone)))
    return {"resourceType": "Bundle", "language": language(), "type": "transaction", "timestamp": iso_local(svc.now(), zone),
            "entry": entries}


def _condition(e, rid: str, subject: dict, zone) -> dict:
    status = "active" if e.ended is None else "resolved"
    note = _("Trigger: {trigger}.").format(trigger=label("triggers", e.trigger or "unknown"))
    condition = {"resourceType": "Condition", "id": rid,
                 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                "code": status}]},
                 "code": {"text": _(EPISODE_TEXT)}, "subject": subject, "onsetDateTime": iso_local(e.started, zone),
                 "note": [{"text": note}] + ([{"text": _("Patient's note: {note}").format(note=e.note)}]
                                             if e.note else [])}
    if e.ended is not None:
        condition["abatementDateTime"] = iso_local(e.ended, zone)
    site = _body_site(e.regions)
    if site:
        condition["bodySite"] = [site]
    return condition


def _procedure(s, rid: str, subject: dict, zone) -> dict:
    period = {"start": iso_local(s.started, zone)}
    if s.ended is not None:
        period["end"] = iso_local(s.ended, zone)
    procedure = {"resourceType": "Procedure", "id": rid, "status": "completed" if s.ended else "in-progress",
                 "code": {"text": _(THERAPY_TEXT[s.kind])}, "subject": subject, "performedPeriod": period}
    rules = guidance()["therapy"]["rules"]
    if s.rule_breaks:
        procedure["note"] = [{"text": _("Outside the timing rules: {rules}").format(
            rules=" ".join(rules[r] for r in s.rule_breaks))}]
    return procedure


def _pain(p, rid: str, subject: dict, episodes, episode_ids, zone) -> dict:
    obs = {"resourceType": "Observation", "id": rid, "status": "final", "category": [SURVEY],
           "code": {"coding": [{"system": "http://loinc.org", "code": guidance()["pain"]["loinc"],
                                "display": LOINC_PAIN_DISPLAY}], "text": _("Pain score (0-10)")},
           "subject": subject, "effectiveDateTime": iso_local(p.at, zone), "valueInteger": p.score}
    episode = next((e for e in episodes if e.id == p.episode_id), None)
    if episode is not None:
        site = _body_site(episode.regions)
        if site:
            obs["bodySite"] = site
        obs["focus"] = [{"reference": f"Condition/{episode_ids[episode.id]}"}]
    if p.note:
        obs["note"] = [{"text": p.note}]
    return obs


def _answer(check, code: str, question: dict, rid: str, subject: dict, zone) -> dict:
    """One yes/no answer of a red-flag symptom check (the 'no' answers too: the doctor needs to know it was asked)."""
    return {"resourceType": "Observation", "id": rid, "status": "final", "category": [SURVEY],
            "code": {"text": question["question"]}, "subject": subject, "effectiveDateTime": iso_local(check.at, zone),
            "valueBoolean": code in check.codes,
            "note": [{"text": _("Red-flag symptom check: {symptom}").format(symptom=question["label"])}]}


def _dose(d, rid: str, subject: dict, zone) -> dict:
    stmt = {"resourceType": "MedicationStatement", "id": rid, "status": "completed",
            "medicationCodeableConcept": {"text": d.name}, "subject": subject, "effectiveDateTime": iso_local(d.at, zone),
            "note": [{"text": _("Kind of medicine: {kind}").format(kind=label("med_classes", d.med_class))}]}
    if d.dose:
        dosage = {"text": d.dose}
        strength = parse_strength(d.dose)
        if strength:
            dosage["doseAndRate"] = [{"doseQuantity": {"value": strength.amount, "unit": strength.unit,
                                                       "system": UCUM, "code": strength.unit}}]
        stmt["dosage"] = [dosage]
    return stmt


def _flag(f: dict, rid: str, subject: dict, zone) -> dict:
    """Active until the patient acknowledged it, then inactive; the period runs from raised to acknowledged."""
    period = {"start": iso_local(f["raised_at"], zone)}
    if f["acknowledged_at"]:
        period["end"] = iso_local(f["acknowledged_at"], zone)
    tier = guidance()["tiers"][f["tier"]]
    return {"resourceType": "Flag", "id": rid, "status": "inactive" if f["acknowledged_at"] else "active",
            "code": {"text": f"{tier['label']}: {f.get('report') or f['message']}"}, "subject": subject,
            "period": period}


def write_fhir(svc, start: datetime, end: datetime, path: Path) -> Path:
    bundle = fhir_bundle(svc, start, end)
    with private_file(path) as fh:
        fh.write(json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8"))
    return path
