"""The rules, pure Python: no kivy, plyer, matplotlib or sqlite imports."""
