"""Printers: one per output format, each writing to the stream it is given.

`plain` writes unwrapped, one-record-per-line text for pipes; `json_out` writes JSON; `terminal`
renders with Rich for a person at a terminal. `lvcli.output.choose` picks one, in one place.
"""
