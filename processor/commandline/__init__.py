"""The command line's parts that ``cli.py`` (the thin ``opscore`` entry point) puts together."""
