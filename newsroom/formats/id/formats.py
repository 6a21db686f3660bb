# "10 Maret 2025" and "10 Maret 2025, 14.30 WIB" (the time with a full stop,
# as Indonesian writes it). Django's own "j N Y" mixes abbreviated and full
# month names ("20 Nov. 2026", "10 Maret 2025").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i T"
TIME_FORMAT = "H.i"
