"""What referrals keep about a platform user (see core/personal_data.py): the referrals they sent and the steps
they took, by number. The data of the people referred is not theirs and is not in their download; it belongs to
the referral and its own retention (retention.py). When the account is deleted, the links to it are cleared."""
from .models import Referral, ReferralEvent


def export(user) -> dict:
    return {
        "referrals_sent": [{"referral": r.number, "need": r.need, "sent_at": r.sent_at}
                           for r in Referral.objects.without_personal_data().filter(sent_by=user)],
        "steps_taken": [{"referral": e.referral.number, "step": e.action, "at": e.at}
                        for e in ReferralEvent.objects.filter(actor=user).select_related("referral").defer(
                            "note", *[f"referral__{name}" for name in Referral.PERSONAL_FIELDS])],
    }


def erase(user, identifiers) -> None:
    """Nothing to do beyond the account's deletion: the referrals belong to organisations and stay."""
