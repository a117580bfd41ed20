"""Structured data (schema.org JSON-LD) for articles, their FAQ and products."""

from django.conf import settings
from django.utils.html import strip_tags


def absolute(request, path):
    return request.build_absolute_uri(path) if path else None


def list_page_url(request, page_obj=None):
    """A list's own address: its path and, after the first, its page number;
    never the tracking tags a visitor came with (the page is cached with
    its first visitor's address)."""
    path = request.path
    if page_obj is not None and page_obj.number > 1:
        path += f"?page={page_obj.number}"
    return absolute(request, path)


def article_data(article, request):
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title[:110],
        "description": article.page_description,
        "mainEntityOfPage": absolute(request, article.get_absolute_url()),
        "author": {
            "@type": "Person" if article.has_named_author else "Organization",
            "name": article.author_name,
        },
        "publisher": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
        "datePublished": (article.publish_at or article.created_at).isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "wordCount": len(article.body.split()),
    }
    hero = article.hero_picture()
    if hero:
        data["image"] = [absolute(request, hero["largest"])]
    return data


def breadcrumb_data(trail, request):
    """trail: (name, path) pairs from the home page to the page itself."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def faq_data(faqs):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
            }
            for faq in faqs
        ],
    }


def product_data(product, request, purchase_info):
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description).strip(),
        "sku": product.upc or str(product.pk),
        "url": absolute(request, product.get_absolute_url()),
    }
    image = product.primary_image()
    if getattr(image, "original", None):
        data["image"] = [absolute(request, image.original.url)]
    price = purchase_info.price
    if price.exists:
        in_stock = purchase_info.availability.is_available_to_buy
        data["offers"] = {
            "@type": "Offer",
            "price": f"{price.incl_tax if price.is_tax_known else price.excl_tax:.2f}",
            "priceCurrency": price.currency,
            "availability": "https://schema.org/InStock"
            if in_stock
            else "https://schema.org/OutOfStock",
            "url": data["url"],
        }
    if product.rating is not None and product.num_approved_reviews:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{product.rating:.1f}",
            "reviewCount": product.num_approved_reviews,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data
