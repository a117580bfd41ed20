"""Where the shop keeps its files: the local disk or a shared object store."""
