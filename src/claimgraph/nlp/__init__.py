"""Natural-language steps: entities, places, times, attribution, events, status, relations."""
