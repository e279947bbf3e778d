"""Secrets in URLs: masked wherever a URL is written, refused as user info."""

from __future__ import annotations

from formlint.util.secrets import has_userinfo, mask_url


def test_secret_query_values_are_masked_and_the_rest_kept() -> None:
    url = "https://staging.example.no/skjema?id=7&access_token=abc%20d&X-Amz-Signature=f00&lang=nb#top"
    assert mask_url(url) == (
        "https://staging.example.no/skjema?id=7&access_token=***&X-Amz-Signature=***&lang=nb#top"
    )
    assert mask_url("https://x.no/a?SessionId=1&q=hei") == "https://x.no/a?SessionId=***&q=hei"
    assert mask_url("https://x.no/a?flag&key=") == "https://x.no/a?flag&key="  # nothing to hide
    assert (
        mask_url("https://x.no/a?id=1&ticket=9", names=["ticket"])
        == "https://x.no/a?id=1&ticket=***"
    )
    assert mask_url("forms/a.html") == "forms/a.html"


def test_user_info_is_told_and_masked() -> None:
    assert has_userinfo("http://kari:hemmelig@127.0.0.1:8080/skjema")
    assert not has_userinfo("http://127.0.0.1:8080/skjema?mail=a@b.no")
    assert (
        mask_url("http://kari:hemmelig@127.0.0.1:8080/skjema") == "http://***@127.0.0.1:8080/skjema"
    )
