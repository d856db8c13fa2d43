"""`{% shared_fragment page "name" %}…{% endshared_fragment %}`: a part of a page
that is the same for every visitor, rendered once per content generation.

The course page's header, goals, cover image and lesson list change only when
content does (a lesson published, the course edited): the enclosed template is
rendered once and kept under the content generation (`courses.page_cache`), the
page, the site and the language. Nothing inside may depend on the person: their
state stays outside, in `lms` tags between the fragments. Previews and pages that
are not live are always rendered.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from courses import page_cache

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, page, name, nodelist):
        self.page = page
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if (
            page is None
            or not page.live
            or request is None
            or getattr(request, "is_preview", False)
        ):
            return self.nodelist.render(context)
        name = ":".join(
            [
                "fragment",
                self.name.resolve(context),
                str(page.pk),
                page_cache.site_key(request),
                get_language() or "",
            ]
        )
        html = page_cache.cached(name, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # the enclosed template's own autoescaped output


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(
            '{% shared_fragment page "name" %} takes a page and a name'
        )
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist
    )
