"""JSON output: one document per command, keys pinned by tests/test_json_contract.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from lvcli.cite import Citation
from lvcli.safe import json_safe
from lvcli.transcript import Exchange, Sentence, Transcript

if TYPE_CHECKING:
    from lvcli.search import Context, Hit


def exchange_record(exchange: Exchange) -> dict[str, Any]:
    return {
        "number": exchange.number,
        "question": exchange.question_text,
        "answer": exchange.answer_text,
        "speaker": exchange.speaker,
        "outlet": exchange.outlet,
        "words": exchange.words,
        "paragraphs": [
            {"part": part, "speaker": p.speaker, "text": p.text}
            for part, group in (
                ("question", exchange.question),
                ("opening" if exchange.is_opening else "answer", exchange.answer),
            )
            for p in group
        ],
    }


class JsonPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def dump(self, data: object) -> None:
        # ensure_ascii=False keeps the text readable; json_safe escapes what would stay raw.
        self.out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")

    def questions(self, transcript: Transcript) -> None:
        self.dump(
            [
                {
                    "number": e.number,
                    "question": e.question_text,
                    "outlet": e.outlet,
                    "speaker": e.speaker,
                    "answer_words": sum(len(p.text.split()) for p in e.answer),
                }
                for e in transcript.questions
            ]
        )

    def exchanges(
        self, transcript: Transcript, exchanges: Sequence[Exchange], citations: Sequence[Citation] | None = None
    ) -> None:
        records = [exchange_record(e) for e in exchanges]
        if citations is not None:  # `--cite`
            for record, citation in zip(records, citations, strict=True):
                record["citation"] = citation.text
        self.dump(records[0] if len(records) == 1 else records)

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

    # --- search (issue 3) ----------------------------------------------------------------------
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


def sentence_record(sentence: Sentence) -> dict[str, Any]:
    return {"exchange": sentence.exchange, "part": sentence.part, "speaker": sentence.speaker, "text": sentence.text}


# --- end of search -----------------------------------------------------------------------------
