"""Event coding: the CAMEO code table, the verb-pattern lexicon and the event coder component.

`brinkwatch.coding.coder` registers the `brinkwatch_events` spaCy factory on import.
"""
