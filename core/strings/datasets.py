"""Strings of the dataset sources used by the transfer-learning lab."""

STRINGS = {}
