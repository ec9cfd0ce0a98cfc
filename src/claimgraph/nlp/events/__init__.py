"""Events: candidate triggers from the parse, the learned detector and typer, participants, status."""
