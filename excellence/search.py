"""Excellence's side of the search contract: the published stories and their index ("page").
Reports and interviews are private records and are never offered to search."""

from search.pages import PageProvider

from .models import ExcellenceIndexPage, ExcellenceStoryPage


def providers():

    return [
        PageProvider("excellence.stories", (ExcellenceIndexPage, ExcellenceStoryPage), "page"),
    ]
