"""The collaborative's pages for its sites and coaches, a module for each part: site (a site's
home, the list of sites, and what every site page starts with), months (a site's month),
pdsa (its PDSA log)."""
