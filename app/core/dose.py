"""A dose's strength as the patient typed it ("400 mg", "2 x 500mg", "0.5 g") read as an amount and a UCUM unit."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Typed unit -> UCUM code (https://ucum.org); only units a person types for tablets, liquids and patches.
UCUM = {"mg": "mg", "milligram": "mg", "milligrams": "mg", "g": "g", "gram": "g", "grams": "g",
        "mcg": "ug", "µg": "ug", "ug": "ug", "microgram": "ug", "micrograms": "ug",
        "ml": "mL", "millilitre": "mL", "milliliter": "mL", "millilitres": "mL", "milliliters": "mL"}
_DOSE = re.compile(r"^\s*(?:(\d{1,2})\s*[x×*]\s*)?(\d{1,6}(?:[.,]\d{1,3})?)\s*([a-zµ]+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Strength:
    """An amount in one UCUM unit: 400 mg; "2 x 500 mg" is 1000 mg taken at once."""
    amount: float
    unit: str  # UCUM code

    def __str__(self) -> str:
        return f"{self.amount:g} {self.unit}"


def parse_strength(text: str | None) -> Strength | None:
    """The amount and unit of a dose text, or None when it has no plain number and known unit."""
    match = _DOSE.match(text or "")
    if not match:
        return None
    times, number, unit = match.groups()
    unit = UCUM.get(unit.lower())
    if unit is None:
        return None
    amount = float(number.replace(",", ".")) * (int(times) if times else 1)
    return Strength(amount, unit) if amount > 0 else None
