"""Small helpers of the core that every app may use: dates (`datums`), the chart house style (`grafieken`), the
one writer of every CSV/XLSX cell (`export`) and the guard against ids too big for the database (`lookups`).

Nothing here knows a domain model: the modules take and return plain values, so any app can import them
without an arrow pointing the wrong way.
"""
