"""The local language model: GGUF checks, the catalogue of known models, the engine."""
