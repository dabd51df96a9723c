"""Schema drift (in this process): the sandbox returns documented fields with the wrong
JSON type and fields no schema knows. Lossless conversions happen ("50" -> 50; the id "12" -> 12
and the rest in unit_tests/test_normalize.py, because the sandbox's sorted tables cannot hold a
string id); anything else is emitted unchanged with a warning naming stream and field;
unknown fields pass through. (The sandbox validates Ruddr stages on every change, so
only Zendesk Sell can be made to drift here; the Ruddr stream is read alongside, unchanged.)"""

from sandbox import Sandbox, unique_credentials
from sandbox.connectors import list_path, sandbox_config, sandbox_rows
from test_support.runs import run_connector


def test_wrong_types_are_normalised_when_lossless_and_otherwise_kept_with_a_warning() -> None:
    token, key = unique_credentials()
    with Sandbox.start(dataset="default", zendesk_token=token, ruddr_key=key) as sb:
        data = sb.data()
        zendesk, ruddr = sandbox_rows(data, "zendesk_sell_stages"), sandbox_rows(data, "ruddr_opportunity_stages")
        stages = list_path(sb, "zendesk_sell_stages")
        sb.add_mutation(path=stages, after=0, action="update", id=zendesk[0]["id"], record={"likelihood": "50", "color": "green"})
        sb.add_mutation(path=stages, after=0, action="update", id=zendesk[1]["id"], record={"likelihood": "fifty"})
        config = sandbox_config(sb, zendesk_sell={"access_token": token}, ruddr={"api_key": key}, page_size=3)
        run = run_connector("read", config, streams=["zendesk_sell_stages", "ruddr_opportunity_stages"], debug=True)
        mutations = sb.mutations()
        assert all(m["applied"] for m in mutations), [(m["action"], m["seen"], m["error"]) for m in mutations]

    assert run.exit_code == 0, run.error_traces
    zendesk_out = {r["id"]: r for r in run.records("zendesk_sell_stages")}
    ruddr_out = {r["id"]: r for r in run.records("ruddr_opportunity_stages")}
    assert len(zendesk_out) == len(zendesk) and len(ruddr_out) == len(ruddr)

    normalised = zendesk_out[zendesk[0]["id"]]
    assert (normalised["likelihood"], normalised["color"]) == (50, "green")  # "50" -> 50; extra field kept
    assert zendesk_out[zendesk[1]["id"]]["likelihood"] == "fifty"  # not convertible: unchanged

    # One warning: for "fifty"; "50" converted silently.
    assert [w for w in run.log_messages("WARN") if w.startswith("zendesk_sell_stages: ")] == [
        "zendesk_sell_stages: Failed to transform value from type 'string' to type '['null', 'integer']' at path: "
        "'likelihood'; the value is emitted unchanged"
    ]
    assert token not in run.output and key not in run.output
