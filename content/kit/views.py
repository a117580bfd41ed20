from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from content.kit import links, services
from content.kit.files import kit_previews, open_kit_file
from content.kit.forms import ClaimForm
from content.kit.models import Subscriber
from content.kit.printables import FILES, ZIP
from content.kit.throttle import claim_allowed
from shop import pagecache
from shop.attribution.touches import touch_from_request
from shop.client_ip import client_ip

CHECK_INBOX = (
    "Thank you! Please check your inbox: we sent a link to confirm your address. "
    "Your kit is one click away."
)
TOO_MANY = "That was a lot of sign-ups from here. Please try again in an hour."


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _subscriber(subscriber_id):
    if subscriber_id is None:
        return None
    return Subscriber.objects.filter(pk=subscriber_id).first()


def _kit_cards(urls=None):
    """(kit file, preview, download url or None) for each of the kit's PDFs."""
    previews = kit_previews()
    return [
        (kit_file, previews.get(name), (urls or {}).get(name))
        for name, kit_file in FILES.items()
        if kit_file.content_type == "application/pdf"
    ]


@pagecache.cached_page()
def landing(request):
    return render(request, "kit/landing.html", {"kit_cards": _kit_cards()})


@require_POST
def claim(request):
    form = ClaimForm(request.POST)
    if not claim_allowed(client_ip(request)):
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": TOO_MANY}, status=429)
        return render(
            request, "kit/claim.html", {"form": form, "error": TOO_MANY}, status=429
        )
    if not form.is_valid():
        if _wants_json(request):
            errors = {name: list(messages) for name, messages in form.errors.items()}
            return JsonResponse({"ok": False, "errors": errors}, status=400)
        return render(request, "kit/claim.html", {"form": form}, status=400)
    if not form.is_bot():
        services.subscriber_claim(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            source=form.cleaned_data["source"],
            ip=client_ip(request),
            touch=touch_from_request(request, form_article=form.cleaned_data["source"]),
        )
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": CHECK_INBOX})
    return redirect("kit:check-inbox")


@never_cache
def check_inbox(request):
    return render(request, "kit/check_inbox.html", {"message": CHECK_INBOX})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = _subscriber(links.read_confirm_token(token))
    if subscriber is None:
        return render(request, "kit/link_expired.html", status=400)
    if request.method == "POST":
        if not services.subscriber_confirm(subscriber=subscriber):
            return render(request, "kit/link_expired.html", status=400)
        return redirect(links.downloads_path(subscriber))
    return render(request, "kit/confirm.html", {"token": token})


def _confirmed_subscriber(token):
    subscriber = _subscriber(links.read_token(token, links.DOWNLOAD))
    if subscriber is None or not subscriber.is_confirmed:
        return None
    return subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def downloads(request, token):
    subscriber = _confirmed_subscriber(token)
    if subscriber is None:
        return render(request, "kit/link_expired.html", status=404)
    resent = None
    if request.method == "POST":
        resent = services.subscriber_resend_kit(subscriber=subscriber)
    urls = {name: links.file_path(subscriber, name) for name in FILES}
    return render(
        request,
        "kit/downloads.html",
        {
            "kit_cards": _kit_cards(urls),
            "whole_kit_url": urls[ZIP.name],
            "token": token,
            "resent": resent,
        },
    )


@never_cache
def download_file(request, token, name):
    subscriber = _confirmed_subscriber(token)
    kit_file = FILES.get(name)
    if subscriber is None or kit_file is None:
        raise Http404("No such kit file.")
    return FileResponse(
        open_kit_file(name),
        as_attachment=True,
        filename=kit_file.name,
        content_type=kit_file.content_type,
    )


# Mail clients POST here for one-click unsubscribe (RFC 8058) with no cookie
# and no CSRF token; the signed token in the URL is the proof.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = _subscriber(links.read_token(token, links.UNSUBSCRIBE))
    if subscriber is None:
        return render(request, "kit/link_expired.html", status=404)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "kit/unsubscribed.html")
    return render(request, "kit/unsubscribe.html", {"token": token})
