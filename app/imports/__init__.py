"""Import from carrier systems: read a file or a pasted table, map its columns, check every value, then write
the accepted rows in one short transaction and show the clerk what changed."""
