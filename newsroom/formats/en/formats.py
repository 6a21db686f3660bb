# "10 March 2025" and "10 March 2025, 14:30 WIB": the same order as in
# Indonesian, so both editions of a page read alike.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
TIME_FORMAT = "H:i"
