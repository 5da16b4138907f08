"""Reports: the outlet plan's targets as numbers over a day, week, month or custom range; every figure is an SQL
aggregate, never a list of cases loaded into Python."""
