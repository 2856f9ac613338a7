"""Ny avtale (placeholder until the dialog lands)."""
from botbuilder.dialogs import ComponentDialog


class NewMeetingDialog(ComponentDialog):
    def __init__(self, services):
        super().__init__("new_meeting")
