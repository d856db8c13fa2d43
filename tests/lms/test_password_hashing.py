"""Passwords: Argon2 with the parameters chosen for the 8:00 peak (lms/hashers.py)."""

from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from lms.hashers import PeakArgon2PasswordHasher


def test_peak_hasher_stores_argon2id_with_the_documented_parameters():
    hasher = PeakArgon2PasswordHasher()
    encoded = hasher.encode("Geheim-Passwort-2026", hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify("Geheim-Passwort-2026", encoded)
    assert not hasher.verify("falsch", encoded)


def test_production_hashers_put_the_peak_hasher_first():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "lms.hashers.PeakArgon2PasswordHasher"


def test_a_hash_with_djangos_default_parameters_still_verifies_and_is_upgraded(
    settings,
):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    settings.PASSWORD_HASHERS = [
        "lms.hashers.PeakArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    old = Argon2PasswordHasher().encode("Geheim-Passwort-2026", "saltsaltsalt")
    upgraded = []
    assert check_password("Geheim-Passwort-2026", old, setter=upgraded.append)
    assert upgraded == ["Geheim-Passwort-2026"]  # re-hashed with the new parameters
    assert isinstance(identify_hasher(make_password("x")), PeakArgon2PasswordHasher)
