"""The `lvcli` console script: the cyclic garbage collector off, then the command line.

A call of lvcli lives for a fraction of a second and makes almost no cyclic garbage, yet the
collector would run dozens of times while Typer, Click and the transcript are loaded, each time
walking objects that are all still in use: about 6% of a call (see the Performance section of
the README). It is switched off here, before anything is imported, and not in `lvcli.cli`, so a
program or test that imports the command line keeps its collector.
"""

import gc

gc.disable()

from lvcli.cli import main  # noqa: E402 - imported after the collector is off, on purpose

__all__ = ["main"]
