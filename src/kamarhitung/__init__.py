"""kamarhitung: the kabupaten counting room's double-entry keying and recap tool."""

__version__ = "0.1.0"
APP_NAME = "kamarhitung"
