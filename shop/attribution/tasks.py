from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from shop.attribution import services


@db_periodic_task(crontab(minute="41", hour="3"))
def prune_basket_attributions():
    """Keep nothing about how an unbought basket was found."""
    return services.basket_attributions_prune()
