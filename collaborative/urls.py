"""The collaborative's own pages, below /collaborative/ (each language's prefix too). The
public results page at /collaborative/ itself is a Wagtail page (CollaborativePage): these
patterns take only the paths below it that they name, and Wagtail serves the rest.

Every view asks collaborative.access; anonymous visitors are sent to log in.
"""

app_name = "collaborative"

urlpatterns: list = []
