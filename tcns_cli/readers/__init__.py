"""Readers: spreadsheet and text files → units, people and rosters, each with provenance."""
