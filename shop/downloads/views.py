from django.conf import settings
from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shop.downloads import services
from shop.downloads.models import DownloadLink


def _link(token):
    return get_object_or_404(
        DownloadLink.objects.select_related(
            "product_file", "line__order", "line__product"
        ),
        token=token,
    )


def download(request, token):
    """Stream the buyer's file, or explain why this link no longer does."""
    link = _link(token)
    if not services.download_take(link=link):
        return render(
            request,
            "downloads/link_unusable.html",
            {"link": link, "reason": link.unusable_reason()},
            status=410,
        )
    name = services.delivered_file_name(link=link)
    filename = link.product_file.download_name
    content_type = link.product_file.content_type
    if settings.DOWNLOAD_SENDFILE_HEADER:
        # The web server reads the file itself; Django only says which.
        response = HttpResponse(content_type=content_type)
        response[settings.DOWNLOAD_SENDFILE_HEADER] = _sendfile_path(name)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            storages["private"].open(name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _sendfile_path(name):
    if settings.DOWNLOAD_SENDFILE_HEADER.lower() == "x-sendfile":
        return str(storages["private"].path(name))
    return settings.DOWNLOAD_SENDFILE_PREFIX.rstrip("/") + "/" + name


@require_POST
def renew(request, token):
    """E-mail a fresh link to the order's address (never to one typed here)."""
    link = _link(token)
    fresh = services.download_link_renew(link=link)
    if fresh is None:
        messages.error(request, link.unusable_reason())
    else:
        messages.success(
            request,
            "A fresh download link is on its way to the e-mail address of the order.",
        )
    return redirect("downloads:renewed")


def renewed(request):
    return render(request, "downloads/renewed.html")
