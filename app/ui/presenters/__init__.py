"""Kivy-free presenters: a screen's state and decisions as plain Python, which tests drive without Kivy."""
