"""Reminders when a meeting's join window opens (contracts §3a): what to remind of and when
(:mod:`.schedule`), where the due reminders are kept durably and claimed exactly once by one of
several replicas (:mod:`.sqlite_store` on ``DATA_DIR``, :mod:`.blob_store` on Azure Blob Storage),
and the portal wrapper that schedules them when a meeting is created and drops them when it is
cancelled (:mod:`.portal`). Sending is the bot's job (``bot/reminders.py``).
"""
from .schedule import Reminder, reminders_for
from .store import ReminderStore

__all__ = ["Reminder", "ReminderStore", "reminders_for"]
