"""Read: find the month's files and sheets and recognise each sheet's table by its header."""
