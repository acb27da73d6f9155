"""The `brinkwatch` command line: thin commands over the library."""
