"""JSON output: one document per command, keys pinned by tests/test_json_contract.py."""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from lvcli.printers.plain import listed
from lvcli.safe import json_safe
from lvcli.transcript import Exchange, Sentence, Transcript

if TYPE_CHECKING:
    # annotations only: the commands import these parts of the core when they use them
    from lvcli.cite import Citation
    from lvcli.search import Context, Hit
    from lvcli.topics import Topic, TopicMap, TopicMatch


def exchange_record(exchange: Exchange) -> dict[str, Any]:
    return {
        "number": exchange.number,
        "question": exchange.question_text,
        "answer": exchange.answer_text,
        "speaker": exchange.speaker,
        "outlet": exchange.outlet,
        "words": exchange.words,
        "paragraphs": [
            {"part": part, "speaker": p.speaker, "note": p.note, "text": p.text}
            for part, group in (
                ("question", exchange.question),
                ("opening" if exchange.is_opening else "answer", exchange.answer),
            )
            for p in group
        ],
    }


def sentence_record(sentence: Sentence) -> dict[str, Any]:
    return {"exchange": sentence.exchange, "part": sentence.part, "speaker": sentence.speaker, "text": sentence.text}


def topic_record(topic: Topic) -> dict[str, Any]:
    """A topic as `topics --json` lists it; `topics NAME --json` adds the quotes."""
    return {
        "name": topic.name,
        "kind": topic.kind,
        "count": topic.count,
        "exchanges": list(topic.exchanges),
        "per_exchange": [
            {"exchange": at.exchange, "count": at.count, "in_question": at.in_question} for at in topic.per_exchange
        ],
        "spellings": list(topic.spellings),
    }


class JsonPrinter:
    shows_topics = True  # `list --json` carries each question's topics

    def __init__(self, out: TextIO) -> None:
        self.out = out
        # Text stays readable where the output takes UTF-8; elsewhere (PYTHONIOENCODING=ascii,
        # LC_ALL=C) every other character is a \u escape, so the JSON stays valid and exact.
        self.ascii_only = codecs.lookup(getattr(out, "encoding", None) or "utf-8").name != "utf-8"

    def dump(self, data: object) -> None:
        # json_safe escapes what json.dumps would leave raw.
        self.out.write(json_safe(json.dumps(data, ensure_ascii=self.ascii_only, indent=2)) + "\n")

    def questions(self, transcript: Transcript, topics: Mapping[int, Sequence[str]] | None = None) -> None:
        """An array of the rows of `list`: number 0, the opening remarks, has `question` null."""
        records: list[dict[str, Any]] = [
            {
                "number": e.number,
                "question": e.question_text,
                "outlet": e.outlet,
                "speaker": e.speaker,
                "answer_words": sum(len(p.text.split()) for p in e.answer),
            }
            for e in listed(transcript)
        ]
        if topics is not None:  # the main topics of each row, most telling first
            for record in records:
                record["topics"] = list(topics.get(record["number"], ()))
        self.dump(records)

    def exchanges(
        self,
        transcript: Transcript,
        exchanges: Sequence[Exchange],
        citations: Sequence[Citation] | None = None,
        *,
        several: bool = False,
    ) -> None:
        """One object for `show 12`; an array when several were asked for (a list or a range, even `12-12`)."""
        records = [exchange_record(e) for e in exchanges]
        if citations is not None:  # `--cite`
            for record, citation in zip(records, citations, strict=True):
                record["citation"] = citation.text
        self.dump(records if several or len(records) != 1 else records[0])

    def info(self, transcript: Transcript) -> None:
        day = transcript.date
        self.dump(
            {
                "title": transcript.title,
                "date": day.isoformat() if day else None,
                "place": transcript.place,
                "speaker": transcript.speaker,
                "url": transcript.url,
                "timestamp": transcript.timestamp,
                "document_number": transcript.document_number,
                "letterhead": transcript.letterhead,
                "exchanges": len(transcript.questions),
                "words": transcript.words,
                "mended_page_breaks": transcript.mended_breaks,
            }
        )

    def search(
        self,
        transcript: Transcript,
        hits: Sequence[Hit],
        contexts: Sequence[Context] | None = None,
        citations: Sequence[Citation] | None = None,
    ) -> None:
        """An array of hits, best first; with context (-C), each hit has "before" and "after" too."""
        records = []
        for index, hit in enumerate(hits):
            record: dict[str, Any] = {
                "exchange": hit.exchange,
                "part": hit.part,
                "speaker": hit.speaker,
                "text": hit.text,
                "score": hit.score,
                "spans": [[start, end] for start, end in hit.spans],
                "matched": [hit.text[start:end] for start, end in hit.spans],
                "paragraph": hit.paragraph,
                "offset": hit.start,
            }
            if contexts is not None:
                before, after = contexts[index]
                record["before"] = [sentence_record(s) for s in before]
                record["after"] = [sentence_record(s) for s in after]
            if citations is not None:  # `--cite`
                record["citation"] = citations[index].text
            records.append(record)
        self.dump(records)

    def topics(self, transcript: Transcript, topics: Sequence[Topic]) -> None:
        self.dump([topic_record(t) for t in topics])

    def topic(self, transcript: Transcript, match: TopicMatch) -> None:
        """The topic, how the name given was taken, and each exchange about it with its quotes."""
        record = topic_record(match.topic)
        record["query"] = match.query
        record["exact"] = match.exact
        record["score"] = round(match.score, 1)
        for entry in record["per_exchange"]:
            exchange = transcript.exchange(entry["exchange"])
            entry["question"] = exchange.question_text
            entry["quotes"] = [
                {
                    "part": q.part,
                    "speaker": q.speaker,
                    "text": q.text,
                    "spans": [[start, end] for start, end in q.spans],
                }
                for q in match.topic.quotes_in(exchange.number)
            ]
        self.dump(record)

    def topic_map(self, transcript: Transcript, grid: TopicMap) -> None:
        """The matrix: the exchange numbers, and for each main topic its count in each of them."""
        self.dump(
            {
                "exchanges": list(grid.exchanges),
                "topics": [
                    {"name": name, "count": sum(row), "counts": list(row)}
                    for name, row in zip(grid.topics, grid.counts, strict=True)
                ],
            }
        )
