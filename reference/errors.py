class ReferenceDataError(Exception):
    """A reference file that cannot be loaded. The message is French and names the file
    and the lines at fault: it is shown as is to whoever runs the load."""
