"""Citations a journalist can paste: who said it, at what occasion, where, when, which exchange, and the source.

Everything comes from the transcript model: the speaker from the exchange (or the sentence quoted),
the occasion, place and date from the transcript's title, the URL from its last line. A field the
transcript does not give is left out, never invented.

    Sergey Lavrov, answer to question 12, "Foreign Minister Sergey Lavrov's remarks and answers to
    media questions at a news conference on Russia's foreign policy performance in 2021", Moscow,
    14 January 2022, https://mid.ru/en/foreign_policy/news/1794396/

(on one line).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lvcli.transcript import ANSWER, MONTHS, OPENING, QUESTION, QUESTION_PART, Exchange, Transcript


def long_date(day: date) -> str:
    """A date as people write it in a citation, in English whatever the locale: 14 January 2022."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from; `text` is the line to paste."""

    speaker: str | None
    occasion: str | None
    place: str | None
    date: date | None
    exchange: int
    part: str
    url: str | None

    @property
    def passage(self) -> str:
        """Which part of the conference: "opening remarks", "question 12", "answer to question 12"."""
        if self.part == OPENING or self.exchange == 0:
            return "opening remarks"
        if self.part == QUESTION_PART:
            return f"question {self.exchange}"
        return f"answer to question {self.exchange}"

    @property
    def text(self) -> str:
        fields = [
            self.speaker,
            self.passage,
            f'"{self.occasion}"' if self.occasion else None,
            self.place,
            long_date(self.date) if self.date else None,
            self.url,
        ]
        return ", ".join(f for f in fields if f)

    def __str__(self) -> str:
        return self.text


def occasion(transcript: Transcript) -> str | None:
    """The title without its trailing ", Moscow, January 14, 2022": the citation gives those itself."""
    title = transcript.title
    if not title:
        return None
    place = transcript.place
    if place and transcript.date:
        head, sep, _ = title.rpartition(f", {place},")
        if sep and head.strip():
            return " ".join(head.split())
    return " ".join(title.split())


def _speaker_of_question(exchange: Exchange) -> str:
    # The transcript names questioners only by the outlet some of them state.
    return f"Journalist ({exchange.outlet})" if exchange.outlet else "Journalist"


def cite(transcript: Transcript, exchange: Exchange, part: str | None = None, speaker: str | None = None) -> Citation:
    """The citation for an exchange, or for a passage of it (`part`, and who speaks there).

    Without `part` the exchange is cited by its answer (or the opening remarks), as `show` prints it.
    """
    if part is None:
        part = OPENING if exchange.is_opening else ANSWER
    who: str | None
    if part == QUESTION_PART or speaker == QUESTION:
        part, who = QUESTION_PART, _speaker_of_question(exchange)
    else:
        who = speaker or exchange.speaker or transcript.speaker
    return Citation(
        speaker=who,
        occasion=occasion(transcript),
        place=transcript.place,
        date=transcript.date,
        exchange=exchange.number,
        part=part,
        url=transcript.url,
    )


def cite_passage(transcript: Transcript, exchange: int, part: str, speaker: str | None) -> Citation:
    """The citation for a sentence found somewhere in the transcript (a search hit)."""
    return cite(transcript, transcript.exchange(exchange), part, speaker)
