"""The application's screens: one QWidget each, constructed as ``Screen(ctx, parent)``."""
