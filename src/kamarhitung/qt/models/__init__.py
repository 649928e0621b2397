"""Qt item models: thin adapters over the pure data of the services (napari's shape).

:mod:`.recap_model` shows a contest's recap as a region tree; :mod:`.background` runs service
calls off the GUI thread and hands their results back to it.
"""
