"""Incident-tracking REST API."""
