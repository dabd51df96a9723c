"""The stack's limit: a plain `requests` loop over the same pages, parsing the JSON and nothing else.

Usage: requests_loop.py zendesk_sell|ruddr BASE_URL SECRET PAGE_SIZE [KEY=VALUE ...]
(the extra query parameters are the ones source-stages sends besides paging). Prints the row count.
"""

import sys

import requests


def zendesk_sell(session: requests.Session, base_url: str, page_size: int, extra: dict) -> int:
    rows, page = 0, 1
    while True:
        response = session.get(f"{base_url}/v2/stages", params={**extra, "page": page, "per_page": page_size})
        response.raise_for_status()
        body = response.json()
        rows += len(body["items"])
        if not body["items"] or "next_page" not in body["meta"]["links"]:
            return rows
        page += 1


def ruddr(session: requests.Session, base_url: str, page_size: int, extra: dict) -> int:
    rows, after = 0, None
    while True:
        params = {**extra, "limit": page_size, **({"startingAfter": after} if after else {})}
        response = session.get(f"{base_url}/opportunity-stages", params=params)
        response.raise_for_status()
        body = response.json()
        rows += len(body["results"])
        if not body["hasMore"] or not body["results"]:
            return rows
        after = body["results"][-1]["id"]


def main(argv: list) -> int:
    api, base_url, secret, page_size = argv[0], argv[1].rstrip("/"), argv[2], int(argv[3])
    extra = dict(pair.split("=", 1) for pair in argv[4:])
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {secret}"
        read = zendesk_sell if api == "zendesk_sell" else ruddr
        print(read(session, base_url, page_size, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
