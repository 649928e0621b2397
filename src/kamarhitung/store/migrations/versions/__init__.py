"""Migration scripts, one per schema revision; each released revision has a frozen test database."""
