"""Attribution: reporting cues, sources, chains of sources, quotes and opinion."""
