"""``claimgraph export``: the knowledge base in STIX, JSONL, CSV, GraphML or FtM."""
