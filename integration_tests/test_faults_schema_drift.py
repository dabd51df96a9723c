"""Schema drift through the console script: the sandbox returns documented fields with the wrong
JSON type and fields no schema knows. Lossless conversions happen ("50" -> 50; the id "12" -> 12
and the rest in unit_tests/test_normalize.py, because the sandbox's sorted tables cannot hold a
string id); anything else is emitted unchanged with a warning naming stream and field;
unknown fields pass through. (The sandbox validates Ruddr stages on every change, so
only Zendesk Sell can be made to drift here; the Ruddr stream is read alongside, unchanged.)"""

from integration_tests.connector_process import run_source_stages
from integration_tests.fault_matrix import unique_credentials
from integration_tests.sandbox import Sandbox

STAGES, RUDDR_STAGES = "/v2/stages", "/api/workspace/opportunity-stages"


def test_wrong_types_are_normalised_when_lossless_and_otherwise_kept_with_a_warning() -> None:
    token, key = unique_credentials()
    with Sandbox.start(dataset="default", zendesk_token=token, ruddr_key=key) as sb:
        data = sb.data()
        zendesk, ruddr = data["zendesk_sell"]["stages"], data["ruddr"]["opportunity_stages"]
        sb.add_mutation(path=STAGES, after=0, action="update", id=zendesk[0]["id"], record={"likelihood": "50", "color": "green"})
        sb.add_mutation(path=STAGES, after=0, action="update", id=zendesk[1]["id"], record={"likelihood": "fifty"})
        config = {"zendesk_sell": {"access_token": token, "base_url": sb.zendesk_base_url},
                  "ruddr": {"api_key": key, "base_url": sb.ruddr_base_url}, "page_size": 3}
        run = run_source_stages("read", config, streams=["zendesk_sell_stages", "ruddr_opportunity_stages"], debug=True)
        mutations = sb.mutations()
        assert all(m["applied"] for m in mutations), [(m["action"], m["seen"], m["error"]) for m in mutations]

    assert run.exit_code == 0, run.error_traces
    zendesk_out = {r["id"]: r for r in run.records("zendesk_sell_stages")}
    ruddr_out = {r["id"]: r for r in run.records("ruddr_opportunity_stages")}
    assert len(zendesk_out) == len(zendesk) and len(ruddr_out) == len(ruddr)

    normalised = zendesk_out[zendesk[0]["id"]]
    assert (normalised["likelihood"], normalised["color"]) == (50, "green")  # "50" -> 50; extra field kept
    assert zendesk_out[zendesk[1]["id"]]["likelihood"] == "fifty"  # not convertible: unchanged

    warnings = [m["log"]["message"] for m in run.of_type("LOG") if m["log"]["level"] == "WARN"]
    # One warning: for "fifty"; "50" converted silently.
    assert [w for w in warnings if w.startswith("zendesk_sell_stages: ")] == [
        "zendesk_sell_stages: Failed to transform value from type 'string' to type '['null', 'integer']' at path: "
        "'likelihood'; the value is emitted unchanged"
    ]
    output = run.stdout + run.stderr
    assert token not in output and key not in output
