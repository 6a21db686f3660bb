"""How the public site and the newsroom write dates, one module per language
(``FORMAT_MODULE_PATH``): the day, the month in full, the year, and where a
time is shown, the time and the time zone's name. Anything not set here comes
from Django's own locale formats (input formats, short formats)."""
