"""MkDocs hook: a link to a missing anchor is a warning, so `mkdocs build --strict` fails on it.

Debian's MkDocs 1.4 already warns about a link to a missing page, but not about a missing anchor
(the `validation:` setting that does came with MkDocs 1.5/1.6). This hook checks every internal
link of the site (`page/#anchor` and `#anchor` on the same page) against the ids of the rendered
pages, and every link of the repository's README.md into `docs/`: the page must exist, the anchor
too, and the README must link every page of the site.
"""
import logging
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

log = logging.getLogger("mkdocs.hooks.links")

_ids = {}    # page url ("function-side/") -> ids on it
_links = []  # (source page, target page url, fragment)


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "href" and tag == "a" and value:
                self.hrefs.append(value)


def on_pre_build(config, **kwargs):
    _ids.clear()
    _links.clear()


def on_page_content(html, page, config, files, **kwargs):
    scan = _Scan()
    scan.feed(html)
    here = "/" + page.url
    _ids[here] = scan.ids
    for href in scan.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            continue
        target = urljoin(here, parts.path) if parts.path else here
        if parts.fragment:
            _links.append((page.file.src_path, target, parts.fragment))
    return html


def on_post_build(config, **kwargs):
    for source, target, fragment in _links:
        if target in _ids and fragment not in _ids[target]:
            log.warning("Documentation file '%s' links to '%s#%s': no such anchor on that page", source, target, fragment)
    _check_readme(config)


def _page_url(src_path, use_directory_urls=True):
    stem = src_path[:-3]
    if stem == "index":
        return "/"
    return "/" + stem + "/" if use_directory_urls else "/" + stem + ".html"


def _check_readme(config):
    root = os.path.dirname(config["config_file_path"])
    docs = os.path.relpath(config["docs_dir"], root)
    readme = os.path.join(root, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    linked = set()
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path, _, fragment = target.partition("#")
        if not os.path.exists(os.path.join(root, path)):
            log.warning("README.md links to '%s', which does not exist", target)
            continue
        if path.startswith(docs + "/") and path.endswith(".md"):
            src = path[len(docs) + 1:]
            linked.add(src)
            ids = _ids.get(_page_url(src, config["use_directory_urls"]))
            if fragment and (ids is None or fragment not in ids):
                log.warning("README.md links to '%s': no such anchor on that page", target)
    for page in _nav_pages(config["nav"]):
        if page not in linked:
            log.warning("README.md does not link the docs page '%s'", page)


def _nav_pages(nav):
    for item in nav or []:
        value = list(item.values())[0] if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value
