"""``claimgraph ingest``: analyze and store."""
