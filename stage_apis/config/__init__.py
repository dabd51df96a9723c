"""Config models written once: each yields the spec, the validation messages and the typed config."""
