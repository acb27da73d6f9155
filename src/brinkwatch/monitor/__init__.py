"""The monitor: dyad series, escalation and spiral detection, explained alerts.

Pure: it takes `records.DyadEvent`s and returns `records.Alert`s and pandas frames; it never
reads the store (`store/monitor_io.py` does, for the CLI). See docs/monitor.md.
"""
