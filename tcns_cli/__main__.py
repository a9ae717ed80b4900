"""Allow ``python -m tcns_cli``."""

from tcns_cli.cli import main

main()
