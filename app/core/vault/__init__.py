"""The encrypted store: one SQLCipher 4 database per data folder (see vault.py)."""
