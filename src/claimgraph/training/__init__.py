"""Training scripts' library code: claimgraph never trains at run time (see scripts/train_models.py)."""
