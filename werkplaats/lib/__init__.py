"""Small helpers of the core that every app may use: dates (`datums`) and the chart house style (`grafieken`).

Nothing here knows a domain model: the modules take and return plain values, so any app can import them
without an arrow pointing the wrong way.
"""
