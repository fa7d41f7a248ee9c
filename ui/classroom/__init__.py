"""The class room's page (teacher and student views) and lesson mode's panel for the labs."""
