"""`python -m pulso` runs the command line."""

from pulso.cli import main

main()
