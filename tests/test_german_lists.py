"""German lists read as German: after a comma (or inside a sentence) a noun keeps its capital, a label that begins
with an adjective, an article or an adverb loses it; English lists have one capital, at their start."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.guidance import codes, label
from app.core.i18n import in_sentence, listed, speaking
from app.services.report_text import _words
from app.services.timeline import _episode, _symptoms

# Every German label, as it reads inside a sentence. A new label fails here until it is sorted in.
IN_A_SENTENCE_DE = {
    "regions": {"neck": "Nacken", "upper_back_left": "linker oberer Rücken", "upper_back_right": "rechter oberer Rücken",
                "mid_back_left": "linker mittlerer Rücken", "mid_back_right": "rechter mittlerer Rücken",
                "lower_back_left": "linker unterer Rücken", "lower_back_right": "rechter unterer Rücken",
                "buttock_left": "linkes Gesäß", "buttock_right": "rechtes Gesäß", "leg_left": "linkes Bein",
                "leg_right": "rechtes Bein"},
    "triggers": {"lifting": "Heben", "twisting": "Verdrehen", "posture": "lange in einer Haltung",
                 "repetitive": "wiederholte Bewegung", "sport": "Sport", "fall": "ein Sturz", "accident": "ein Unfall",
                 "other": "etwas anderes", "unknown": "weiß nicht"},
    "symptoms": {"bladder_bowel": "Probleme mit Blase oder Darm", "saddle_numbness": "Taubheit in Leiste oder Gesäß",
                 "both_legs": "Schwäche oder Taubheit in beiden Beinen",
                 "leg_weakness": "plötzliche Schwäche in einem Bein",
                 "leg_numbness": "Taubheit oder Kribbeln in einem Bein", "radiating_pain": "Schmerz, der ins Bein zieht",
                 "sharp_pain": "stechender Schmerz", "fever": "Fieber"},
    "therapy_kinds": {"ice": "Eis", "heat": "Wärme"},
    "activities": {"exercise": "Training", "stretching": "Dehnen", "walk": "Spaziergang", "physio": "Physiotherapie",
                   "other": "Anderes"},
    "med_classes": {"nsaid": "Entzündungshemmer (NSAR)", "relaxant": "Muskelrelaxans", "other": "Anderes"},
}


@pytest.mark.parametrize("kind", sorted(IN_A_SENTENCE_DE))
def test_every_german_label_inside_a_sentence(kind):
    with speaking("de"):
        got = {code: in_sentence(label(kind, code)) for code in codes(kind)}
    assert got == IN_A_SENTENCE_DE[kind]


@pytest.mark.parametrize("language, kind, picked, words", [
    ("de", "regions", ["lower_back_left", "buttock_left", "neck"], "Linker unterer Rücken, linkes Gesäß, Nacken"),
    ("de", "regions", ["neck", "leg_right"], "Nacken, rechtes Bein"),
    ("de", "symptoms", ["fever", "leg_weakness", "sharp_pain"], "Fieber, plötzliche Schwäche in einem Bein, "
                                                                "stechender Schmerz"),
    ("de", "symptoms", ["leg_weakness", "saddle_numbness"], "Plötzliche Schwäche in einem Bein, "
                                                            "Taubheit in Leiste oder Gesäß"),
    ("de", "triggers", ["fall", "lifting", "other"], "Ein Sturz, Heben, etwas anderes"),
    ("en", "regions", ["lower_back_left", "buttock_left", "neck"], "Left lower back, left buttock, neck"),
    ("en", "symptoms", ["fever", "leg_weakness"], "Fever, sudden weakness in a leg"),
    ("de", "regions", [], ""),
])
def test_a_list_has_its_first_words_capital_then_german_nouns_only(language, kind, picked, words):
    with speaking(language):
        assert listed(label(kind, c) for c in picked) == words


def test_the_reports_where_and_yes_columns(mem):
    with speaking("de"):
        assert _words("regions", ["lower_back_right", "leg_right"]) == "Rechter unterer Rücken, rechtes Bein"
        assert _words("symptoms", ["both_legs", "leg_weakness"]) == ("Schwäche oder Taubheit in beiden Beinen, "
                                                                     "plötzliche Schwäche in einem Bein")
        assert _words("regions", []) == "nicht angegeben"


def test_the_journals_rows(mem):
    now = mem.now()
    ep = mem.entries.start_episode(regions=["lower_back_left", "lower_back_right", "buttock_left", "leg_left"],
                                   trigger="fall", at=now - timedelta(hours=2))
    with speaking("de"):
        _title, detail, _flags = _episode(ep, now)
        assert "Linker unterer Rücken, rechter unterer Rücken und 2 weitere" in detail, detail
        assert "ein Sturz" in detail, detail
        checked = mem.entries.log_symptoms(["leg_weakness", "sharp_pain"], at=now)
        title, _detail, _flags = _symptoms(checked, now)
        assert title.endswith(": Plötzliche Schwäche in einem Bein, stechender Schmerz"), title
