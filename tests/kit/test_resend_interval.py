"""The confirmation e-mail is sent again once KIT_RESEND_INTERVAL has passed,
to the second: both sides of the line, with the clock moved."""

from datetime import timedelta

import pytest

pytestmark = pytest.mark.django_db

CONFIRM = "Please confirm: your Micro Habits Starter Kit"


def test_a_claim_one_second_before_the_interval_sends_nothing_more(
    claim, outbox, settings, clock
):
    claim()
    clock.shift(timedelta(seconds=settings.KIT_RESEND_INTERVAL - 1))

    claim()

    assert [message.subject for message in outbox] == [CONFIRM]


def test_a_claim_when_the_interval_is_up_sends_the_confirmation_again(
    claim, outbox, settings, clock
):
    claim()
    clock.shift(timedelta(seconds=settings.KIT_RESEND_INTERVAL))

    claim()

    assert [message.subject for message in outbox] == [CONFIRM, CONFIRM]
