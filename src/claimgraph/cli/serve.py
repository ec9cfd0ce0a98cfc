"""``claimgraph serve``: the web workbench."""
