from django.conf import settings
from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from shop.downloads import services
from shop.downloads.models import DownloadLink


def _link(token):
    return get_object_or_404(
        DownloadLink.objects.select_related(
            "product_file", "line__order", "line__product"
        ),
        token=token,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def download(request, token):
    """Stream the buyer's file, or explain why this link no longer does.

    Only a GET counts as a download: a HEAD (a link checker, a mail client
    looking ahead) is told whether the file is there and uses nothing up.
    """
    link = _link(token)
    if request.method == "HEAD":
        usable = not link.unusable_reason()
    else:
        usable = services.download_take(link=link)
    if not usable:
        return render(
            request,
            "downloads/link_unusable.html",
            {"link": link, "reason": link.unusable_reason()},
            status=410,
        )
    if request.method == "HEAD":
        return _attachment(
            HttpResponse(content_type=link.product_file.content_type), link
        )
    name = services.delivered_file_name(link=link)
    content_type = link.product_file.content_type
    if settings.DOWNLOAD_SENDFILE_HEADER:
        # The web server reads the file itself; Django only says which.
        response = HttpResponse(content_type=content_type)
        response[settings.DOWNLOAD_SENDFILE_HEADER] = _sendfile_path(name)
    else:
        response = FileResponse(
            storages["private"].open(name, "rb"), content_type=content_type
        )
    return _attachment(response, link)


def _attachment(response, link):
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=link.product_file.download_name
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _sendfile_path(name):
    if settings.DOWNLOAD_SENDFILE_HEADER.lower() == "x-sendfile":
        return str(storages["private"].path(name))
    return settings.DOWNLOAD_SENDFILE_PREFIX.rstrip("/") + "/" + name


@never_cache
@require_POST
def renew(request, token):
    """E-mail a fresh link to the order's address (never to one typed here)."""
    link = _link(token)
    services.download_link_renew(link=link)
    if link.revoked_at:
        messages.error(request, link.unusable_reason())
    else:
        # The same whether a link was sent or one went out a moment ago.
        messages.success(
            request,
            "A fresh download link is on its way to the e-mail address of the order.",
        )
    return redirect("downloads:renewed")


@never_cache
def renewed(request):
    return render(request, "downloads/renewed.html")
