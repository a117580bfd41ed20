"""``{% cachedpart %}``: the parts of a page that every reader sees alike.

A page that must be rendered for each request (a signed-in reader's, or one
asked for with a query string the page cache does not know) still shows
mostly what every reader sees: the header, the footer, a product's cover,
description and reviews. Those parts are kept in the cache for the current
content version, with the same holes as whole pages (the CSRF token, the
basket count) filled for each request::

    {% load page_parts %}
    {% cachedpart "product-main" product.pk %}...{% endcachedpart %}

The name and the values after it make the key: name every value the part
shows that is not the same for every product/page of that name. Nothing in
a part may depend on who is reading.
"""

from django import template

from shop import pagecache

register = template.Library()


class CachedPartNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        vary = [str(value.resolve(context)) for value in self.vary]
        name = self.name.resolve(context)
        return pagecache.part(
            request, name, vary, lambda: self.nodelist.render(context)
        )


@register.tag
def cachedpart(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% cachedpart %} needs a name, then the values the part varies by"
        )
    nodelist = parser.parse(("endcachedpart",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return CachedPartNode(nodelist, name, vary)
