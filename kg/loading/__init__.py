"""Reading, validating and loading data sets."""
