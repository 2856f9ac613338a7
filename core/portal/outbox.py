"""The embedded portal's outbox: one e-mail or SMS per recipient, texts from :mod:`core.invitations`.

A message names no one but its recipient (the texts have no field for anyone else) and never
holds the host PIN.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterator, Mapping

from ..invitations import DEFAULT_CONTACT, MeetingFacts, NewMeeting, Notice, email, sms

INSERT = ('INSERT INTO outbox (meeting_id, channel, "to", language, subject, body, created_at) '
          "VALUES (?,?,?,?,?,?,?)")


def messages(meeting: Mapping[str, Any], recipients: Mapping[str, list[str]], language: str,
             notice: Notice = NewMeeting(), contact: str = DEFAULT_CONTACT) -> Iterator[tuple[str, str, str | None, str]]:
    """``(channel, to, subject, body)`` for every recipient in ``recipients`` (``emails``, ``sms``)."""
    facts = MeetingFacts.from_meeting(meeting, language=language, contact=contact)
    if recipients.get("emails"):
        mail = email(facts, notice)
        for to in recipients["emails"]:
            yield "email", to, mail.subject, mail.body
    if recipients.get("sms"):
        text = sms(facts, notice)
        for to in recipients["sms"]:
            yield "sms", to, None, text


def send(db: sqlite3.Connection, meeting: Mapping[str, Any], recipients: Mapping[str, list[str]], language: str,
         now: str, notice: Notice = NewMeeting(), contact: str = DEFAULT_CONTACT) -> None:
    """Put the messages in the outbox (inside the caller's transaction)."""
    for channel, to, subject, body in messages(meeting, recipients, language, notice, contact):
        db.execute(INSERT, (meeting["id"], channel, to, language, subject, body, now))
