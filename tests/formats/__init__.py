"""Test helpers that turn a plain-text report into the files users really have (docx, html, pdf)."""
