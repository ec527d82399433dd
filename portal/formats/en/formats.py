# Django's English default abbreviates the month ("Oct. 1, 2026"); the portal writes it out.
DATE_FORMAT = "F j, Y"
YEAR_MONTH_FORMAT = "F Y"
