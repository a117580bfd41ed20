"""The words a reader agrees to when claiming the kit.

Each subscriber keeps the version they agreed to: change the text, raise the
version, and earlier subscribers still show what they said yes to.
"""

CONSENT_VERSION = "2026-11"
CONSENT_TEXT = (
    "Yes, e-mail me the free Micro Habits Starter Kit and, now and then, "
    "a short gentle note from GoToBetter. I can unsubscribe with one click "
    "at any time."
)
