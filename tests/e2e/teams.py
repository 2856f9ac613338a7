"""A person in Microsoft's Teams emulator (Microsoft 365 Agents Playground), driven with Playwright.

Selectors that work in the emulator (0.2.28): the chat input is a Lexical editor (click it and type;
``fill`` does not reach it), cards are ``.ac-adaptiveCard`` rendered with Fluent UI (radio groups,
comboboxes, date pickers with a calendar popup), card buttons have a role and a title.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

CHAT_INPUT = 'div[data-lexical-editor="true"][role="textbox"]'
SEND_BUTTON = 'button[aria-label="Send Message"]'
CARD = ".ac-adaptiveCard"
# The emulator's date picker names its days in English ("5, January, 2027").
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


class TeamsPage:
    def __init__(self, page: Page, url: str, shots: Path):
        self.page = page
        self.url = url
        self.shots = shots
        self._count = 0

    def open(self) -> Locator:
        """Load the emulator (a fresh install: an empty chat) and wait for the bot's welcome card."""
        self.page.goto(self.url)
        return self.card("Velkommen til Delta video")

    def shot(self, name: str) -> Path:
        self._count += 1
        path = self.shots / f"{self._count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    # -- the compose box ---------------------------------------------------------------------
    def type_message(self, text: str) -> None:
        self.page.locator(CHAT_INPUT).click()
        self.page.keyboard.type(text)

    def send(self, text: str) -> None:
        self.type_message(text)
        self.page.locator(SEND_BUTTON).click()
        expect(self.page.locator(CHAT_INPUT)).to_have_text("")

    def mention(self, name: str, text: str) -> None:
        """@mention someone (the emulator offers the chat's members after "@"), then the text."""
        self.page.locator(CHAT_INPUT).click()
        self.page.keyboard.type("@")
        self.page.get_by_role("menuitem", name=name).click()
        self.page.keyboard.type(" " + text)

    def press_send(self) -> None:
        self.page.locator(SEND_BUTTON).click()
        expect(self.page.locator(CHAT_INPUT)).to_have_text("")

    def open_chat(self, name: str) -> None:
        """Switch to another chat in the left pane; returns once the previous chat's cards are gone."""
        self.page.evaluate("document.querySelectorAll('.ac-adaptiveCard')"
                           ".forEach(card => card.setAttribute('data-e2e-previous-chat', ''))")
        self.page.get_by_role("treeitem", name=name, exact=True).click()
        expect(self.page.locator(f"{CARD}[data-e2e-previous-chat]")).to_have_count(0)

    # -- cards -------------------------------------------------------------------------------
    def card(self, text: str) -> Locator:
        """The newest card that shows ``text``, once it is visible."""
        card = self.page.locator(CARD).filter(has_text=text).last
        expect(card).to_be_visible()
        return card

    def cards(self, text: str) -> Locator:
        return self.page.locator(CARD).filter(has_text=text)

    def choose(self, card: Locator, label: str, option: str) -> None:
        """A compact choice set (a Fluent combobox): open it, pick the option."""
        card.get_by_role("combobox", name=label).click()
        self.page.get_by_role("option", name=option, exact=True).click()
        expect(card.get_by_role("combobox", name=label)).to_have_value(option)

    def pick_date(self, card: Locator, label: str, day: date) -> None:
        """A date input: open the calendar, go forward month by month, click the day."""
        card.get_by_role("combobox", name=label).click()
        calendar = self.page.get_by_role("dialog", name="Calendar")
        heading = calendar.get_by_role("button", name=re.compile(rf"^({'|'.join(MONTHS_EN)}) \d{{4}}$"))
        expect(heading).to_be_visible()
        shown_month, shown_year = heading.get_attribute("aria-label").split()
        months = (day.year * 12 + day.month) - (int(shown_year) * 12 + MONTHS_EN.index(shown_month) + 1)
        assert 0 <= months <= 24, f"the calendar opened at {shown_month} {shown_year}, {months} months from {day}"
        year, month = int(shown_year), MONTHS_EN.index(shown_month) + 1
        for _ in range(months):
            calendar.locator('button[title^="Next month"]').click()
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            expect(calendar.get_by_role("button", name=f"{MONTHS_EN[month - 1]} {year}", exact=True)).to_be_visible()
        calendar.get_by_role("button", name=f"{day.day}, {MONTHS_EN[day.month - 1]}, {day.year}", exact=True).click()
        expect(calendar).to_be_hidden()
