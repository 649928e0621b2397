"""Reusable widgets: the form-photo viewer and the paper-shaped keying grid."""
