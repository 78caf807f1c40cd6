"""Domain logic of Enclave. Nothing in this package may import Qt (DESIGN rule 2)."""
