"""Ingestion: files, folders and streams in; `Document` or `Failure` records out."""

from brinkwatch.ingest.readers import read_inputs, read_path

__all__ = ["read_inputs", "read_path"]
