"""Charts of data over time, shared by every app that charts data (the trend page, the
improvement collaborative): statistics (spc: run and control charts, pure Python) and their
drawing as SVG (svg)."""
