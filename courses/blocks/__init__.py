"""StreamField blocks of a lesson body, one module per kind of block.

Every block has a German label, an icon, help text, a template in
`courses/blocks/<block>.html` and, where it makes sense, a preview value.
Import blocks from their module; only the paths migrations use are kept here.
"""

from courses.blocks.content import TextBlock

__all__ = ["TextBlock"]
