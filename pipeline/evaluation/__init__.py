"""Scoring a run against gold annotations: reading gold (`gold`) and predictions (`prediction`),
matching them (`metrics`) and attributing each error to a stage (`attribution`)."""
