"""The topics of a transcript: the names and key phrases it keeps coming back to, where and how often.

Topics are read off the text itself; there is no list of subjects written for any one briefing.

* A name is a run of capitalised words ("Kazakhstan", "the European Union", "NATO", "U.S.").
  A capitalised word that opens a sentence counts only when the text also capitalises it
  mid-sentence, so "However" or "Clearly" never become names; function words never do.
  Titles are cut off ("President Vladimir Putin" is about Vladimir Putin). See `names`.
* A key phrase is a run of two or three content words ("security guarantees", "Minsk
  agreements") met at least three times in more than one exchange. See `phrases`.
* Spellings of one subject are merged by general rules: "EU" / "European Union", "U.S." / "US",
  "agreements" / "agreement", "Ukrainian" / "Ukraine", "Mr Borrell" / "Josep Borrell". See `merge`.
* Each exchange's main topics are the topics it mentions most against how many exchanges mention
  them (tf-idf), a mention in the question counting more. See `index`.

Nothing here knows how results are printed.
"""

from lvcli.topics.index import MAP_ROWS, TopicIndex
from lvcli.topics.records import NAME, PHRASE, ExchangeCount, Quote, Topic, TopicMap, TopicMatch

__all__ = ["MAP_ROWS", "NAME", "PHRASE", "ExchangeCount", "Quote", "Topic", "TopicIndex", "TopicMap", "TopicMatch"]
