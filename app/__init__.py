"""SpasmLog: a back-spasm tracker (core rules, journal, services, Kivy UI and CLI)."""
