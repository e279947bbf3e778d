"""Small helpers with no formlint imports: the lowest layer."""
