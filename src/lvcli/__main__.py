"""`python -m lvcli` runs the command line."""

from lvcli.cli import main

main()
