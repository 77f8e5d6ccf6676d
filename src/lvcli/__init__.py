"""lvcli: a command-line topic explorer for the transcript of Lavrov's 14 January 2022 news conference."""

__version__ = "0.1.0"
