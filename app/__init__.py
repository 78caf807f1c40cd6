"""Enclave: an offline desktop AI assistant for clinicians."""

__version__ = "0.1.0"
PRODUCT_NAME = "Enclave"
