"""The one result type of the subject screen."""

from __future__ import annotations

from dataclasses import dataclass

BLOCK = "block"
WARN = "warn"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in a meeting subject that should not be sent out.

    ``kind`` names what was found (``"national_id"``, ``"birth_date"``, ``"age"``, ``"phone"``,
    ``"email"``, ``"person_name"``, ``"health"``, ``"patient_reference"``, ``"address"``).
    ``severity`` is ``"block"`` (the subject must change) or ``"warn"`` (the organizer must
    confirm). ``start``/``end`` are offsets into the original text, as for slicing.
    """

    kind: str
    severity: str
    start: int
    end: int
