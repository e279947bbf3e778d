"""Small helpers with no formlint imports, usable from every layer (the lowest one)."""
