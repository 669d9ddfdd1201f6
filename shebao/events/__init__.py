"""Life events (一件事一次办): journeys across the guide's items, planned for a person's facts."""
