"""Exports: the daily exception sheet, case lists to .xlsx / .csv, and per-upstream export profiles.

Every file is written to a temporary file beside the target and renamed into place at the end (`files`), so a
failed or cancelled export never leaves half a file. The Excel writer (`xlsx`) imports openpyxl, which costs
~170 ms (FACTS.md): callers import it only when they write.
"""
