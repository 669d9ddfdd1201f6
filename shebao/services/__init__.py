"""One function per use case, taking the runtime: the CLI calls them today, the web tomorrow.

Services take parsed values (dates, item numbers, fact mappings validated here by the fact
specifications) and return the core's result objects; `shebao.present` turns those into JSON
and Chinese text. Nothing here prints or knows about HTTP.
"""
