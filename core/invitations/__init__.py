"""What invitees read: the e-mail and SMS texts of an invitation, a change and a cancellation.

Pure functions from plain data (:class:`MeetingFacts`, a :data:`Notice`) to text, in the
template's language (``nb`` or ``en``). The embedded portal puts them in its outbox, a future
``PATCH``/cancel-occurrence calls them with what changed, and the bot previews them
(**Vis invitasjonen**) before anything is sent.

What a message holds, and only that: the meeting's (neutral) subject (e-mail only), when it is
in the meeting's time zone, that one can join 20 minutes before, the join link, the room number,
the guest PIN (only when there is one), the SIP address for video endpoints, that it works in
Chrome, Edge and Safari with nothing to install, that it is not recorded, and whom to contact.
No organizer, no other recipient and never the host PIN: :class:`MeetingFacts` has no field
for them.
"""
from .email import Email, email
from .model import (
    DEFAULT_CONTACT,
    Cancelled,
    Changed,
    MeetingFacts,
    NewMeeting,
    Notice,
    Series,
)
from .sms import MAX_SMS_UNITS, sms

__all__ = [
    "DEFAULT_CONTACT", "MAX_SMS_UNITS", "Cancelled", "Changed", "Email", "MeetingFacts", "NewMeeting",
    "Notice", "Series", "email", "sms",
]
