"""Knowledge-base commands: actor, events, timeline, network, export."""
