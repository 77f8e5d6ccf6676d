"""`python -m lvcli` runs the command line, as the `lvcli` command does."""

from lvcli import main

main()
