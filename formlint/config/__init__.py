"""Configuration: pydantic models (unknown keys are errors) loaded from YAML with file:line errors."""
