"""Streamlit views for app.py: rendering only; all clinical logic stays in the service."""
