"""Analysis: reference tables, effective temperatures, level statistics, correlation fits,
the study's thermometry and the ranking of bath models."""
