"""English: the words newsloom's rules read, each list defined once, in modules by topic.

``calendar`` (months, weekdays, their short forms, parts of the day, seasons, units of
time), ``titles`` (titles, honorifics, role words, abbreviations), ``speech`` (speech
cues, what is said and what carries it), ``numbers`` (number words, scales, currencies,
units), ``figures`` (the words around figures), ``names`` (what is no name, name
particles, organisation and place heads), ``words`` (function words), ``bylines``,
``outlets`` and ``boilerplate`` (site furniture).
"""
