"""Kivy only: the App, one module per screen, reusable widgets."""
