"""Tools for the guide's editors: import the guide text, lint it, compare it with national rules."""
