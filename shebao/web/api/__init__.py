"""The JSON API at /api/: public guide endpoints, staff endpoints, OpenAPI docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from shebao.web.api import applications, appointments, cases, errors, public, ratings, staff
from shebao.web.api.bodies import StrictParser, Utf8Renderer
from shebao.web.security import docs_page

api = NinjaAPI(
    title="大连市社会保险合规办事系统 API",
    version="1",
    description="公开接口返回的 JSON 与命令行 `--json` 相同。错误一律为 "
    '`{"detail": "中文说明"}`：422 输入有误，404 未找到，409 冲突，413 请求体过大，'
    "401 未登录，503 数据库不可用。",
    docs_url="/docs",
    docs_decorator=docs_page,  # its narrow exception to the content security policy
    parser=StrictParser(),
    renderer=Utf8Renderer(),
    urls_namespace="api",
)
errors.install(api)
cases.install(api)
api.add_router("/", public.router)
api.add_router("/staff", staff.router)
api.add_router("/", appointments.router)
appointments.install(api)
api.add_router("/cases", cases.router)
api.add_router("/public/cases", cases.public_router)
ratings.install(api)
api.add_router("/public/cases", ratings.public_router)
api.add_router("/ratings", ratings.router)
applications.install(api)
api.add_router("/applications", applications.router)
api.add_router("/review/applications", applications.review_router)
