"""A minimal, strict DOM for tests of report.html (standard library only).

``parse`` raises ``NestingError`` on an end tag that does not close the innermost open element, so
a test that parses a report also checks that its nesting is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class NestingError(ValueError):
    pass


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The textContent: every descendant text node, in order."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self) -> dict[str, Node]:
        ids: dict[str, Node] = {}
        for n in self.iter():
            if n.attrs.get("id"):
                assert n.attrs["id"] not in ids, f"duplicate id {n.attrs['id']}"
                ids[n.attrs["id"]] = n
        return ids

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            raise NestingError(f"</{tag}> closes <{self.stack[-1].tag}>")
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(document: str) -> Node:
    builder = _Builder()
    builder.feed(document)
    builder.close()
    if len(builder.stack) != 1:
        raise NestingError(f"unclosed <{builder.stack[-1].tag}>")
    return builder.root


def quote_pieces(root: Node, anchor: str) -> str:
    """The text of every piece of one highlighted quote (``data-m == anchor``), joined in order."""
    return "".join(n.text() for n in root.iter() if n.attrs.get("data-m") == anchor)
