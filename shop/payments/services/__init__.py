"""Stripe payments, one module per subject.

`checkout` takes the card payment, `fulfilment` places the paid order,
`stripe_events` acts on what Stripe tells us (webhook, reconciliation) and
`refunds` gives money back. Callers import the module for the subject.
"""
