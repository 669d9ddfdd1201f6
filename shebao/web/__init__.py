"""The web adapter: Django settings, apps and the HTTP API over the core's services.

Nothing outside `shebao.web` and `shebao.cli` imports Django; the CLI reaches stored data only
through `shebao.web.store` (open the data directory), `shebao.web.server` and the apps'
`services` modules.
"""
