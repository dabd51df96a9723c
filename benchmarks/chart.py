"""The PNG chart: wall time against N on log axes, one panel per API."""

from pathlib import Path
from typing import Dict, Sequence

from benchmarks import labels
from benchmarks.plan import APIS

STYLE: Dict[str, dict] = {
    labels.OURS: {"color": "tab:blue", "marker": "o", "linewidth": 2.5},
    labels.PEER_100: {"color": "tab:orange", "marker": "s"},
    labels.PEER_2: {"color": "tab:red", "marker": "^"},
    labels.CDK_FLOOR: {"color": "tab:green", "marker": "v", "linestyle": ":"},
    labels.STACK_LIMIT: {"color": "tab:gray", "marker": "D", "linestyle": "--"},
}


def plot(rows: Sequence[dict], path: Path) -> None:
    """rows: the JSON rows of the main table (api, runner, n, wall_s_median)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    fig, axes = plt.subplots(1, len(APIS), figsize=(12, 5), sharey=True)
    for ax, api in zip(axes, APIS):
        for runner, style in STYLE.items():
            points = sorted(
                (r["n"], r["wall_s_median"])
                for r in rows
                if r["api"] == api.key and r["runner"] == runner and r["wall_s_median"] is not None and not r["errors"]
            )
            if not points:
                continue
            ax.plot([n for n, _ in points], [t for _, t in points], label=runner, **style)
            n_last, t_last = points[-1]
            ax.annotate(f"{t_last:.1f} s", (n_last, t_last), textcoords="offset points", xytext=(6, -3), fontsize=8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        plain = FuncFormatter(lambda value, _: f"{value:g}")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(plain)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        ax.set_title(f"{api.title}: full read")
        ax.set_xlabel("records N (log)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    axes[0].set_ylabel("wall time, median of runs, seconds (log)")
    fig.suptitle("source-stages against the published peer and the stack's limit (lower is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
