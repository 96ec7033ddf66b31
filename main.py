"""Launcher: reads the command line, sets Kivy's environment, starts the app."""
from app.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
