"""Messages of the stuck-parcel log: capture, 留言, returns, bulk changes, shelf counts, unlabelled parcels."""

MESSAGES: dict[str, tuple[str, str]] = {}
