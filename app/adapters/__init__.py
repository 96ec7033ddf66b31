"""The outside world behind small interfaces: notifications, sound, file locations."""
