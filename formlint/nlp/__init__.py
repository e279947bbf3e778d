"""Language layer: spaCy tokenisation, shipped inflection tables, compounds, guards, detection."""
