"""Package data built by scripts/ (the gazetteer, the truecasing table)."""
