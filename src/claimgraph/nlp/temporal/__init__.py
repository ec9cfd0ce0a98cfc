"""Time: TIMEX3 recognition (rules), normalisation against the publication date, event intervals."""
