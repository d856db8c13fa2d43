"""The pseudonym of a person's survey answer in one wave (privacy rule 3): a keyed
hash (HMAC-SHA256, key derived from the secret key) of wave and person."""

import hashlib
import hmac

from django.conf import settings


def _key() -> bytes:
    return hashlib.sha256(
        b"lotse-survey-pseudonym:" + settings.SECRET_KEY.encode()
    ).digest()


def survey_pseudonym(wave_id: int, user_id: int) -> str:
    return hmac.new(_key(), f"{wave_id}:{user_id}".encode(), hashlib.sha256).hexdigest()
