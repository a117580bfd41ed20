from oscar import config
from oscar.core.loading import feature_hidden


class Shop(config.Shop):
    """Oscar's root app, without the URLs of the features the shop hides."""

    def get_urls(self):
        urls = super().get_urls()
        if feature_hidden("wishlists"):
            # Oscar mounts shared wish lists here, outside the account.
            urls = [url for url in urls if str(url.pattern) != "wishlists/"]
        return urls
