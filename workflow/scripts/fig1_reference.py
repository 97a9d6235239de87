"""[P] Fig. 1: thermal reference values versus beta and their convergence, per observable
(rows: <sz>, <sx>, <szsz>) and position: (columns 1, 2) the middle and the edge value for
every N_ref (exact diagonalization solid, purification MPS dashed); (columns 3, 4) on a log
axis the convergence in N_ref, |O_N - O_N'| for consecutive lengths N' < N (solid), and in the
bond dimension, |O(chi) - O(chi_check)| of each MPS length (dotted), in the middle and at the
edge. The edge is site 1 (bond 1 for <szsz>); the middle site (N+1)//2 (bond N//2)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from plotstyle import chain_title, label_panels, save, subplots
from wfcommon import figure_data

from lindbath.model.observables import middle_position, observable_dim

sm = snakemake  # noqa: F821
table = figure_data(sm).sel(hamiltonian=sm.params.hamiltonian)
lengths = [int(n) for n in table["N_ref"].values]
methods = {n: str(table["reference_method"].sel(N_ref=n).values) for n in lengths}
chis = {n: int(table["chi"].sel(N_ref=n)) for n in lengths}
chi_check = table.attrs.get("chi_check")
colors = dict(zip(lengths, plt.cm.viridis(np.linspace(0.0, 0.9, len(lengths))), strict=True))
ROWS = [("sz", r"\langle\sigma^z_{l}\rangle"), ("sx", r"\langle\sigma^x_{l}\rangle"),
        ("szsz", r"\langle\sigma^z_{l}\sigma^z_{l+1}\rangle")]
FLOOR = 1e-7  # differences below are drawn at this floor (log axis)


def curve(name, n, where, suffix=""):
    """O(beta) of N_ref = n in the middle or at the edge (suffix "_chi_check": the check)."""
    dim = observable_dim(name)
    position = 1 if where == "edge" else middle_position(n, dim)
    return table[f"{name}{suffix}"].sel({"N_ref": n, dim: position}).values


beta = table["beta"].values
fig, axes = subplots(len(ROWS), 4, width=2.55, height=2.05, sharex=True)
for row, (name, label) in enumerate(ROWS):
    for col, where in enumerate(("middle", "edge")):
        ax = axes[row, col]
        for n in lengths:
            ax.plot(beta, curve(name, n, where), color=colors[n],
                    ls="--" if methods[n] == "mps" else "-")
        ax.set(ylabel=rf"${label}$, {where}")
        ax.set_title(rf"${label}$, {where}")
    for col, where in enumerate(("middle", "edge"), start=2):
        ax = axes[row, col]
        for shorter, n in zip(lengths[:-1], lengths[1:], strict=True):
            delta = np.abs(curve(name, n, where) - curve(name, shorter, where))
            ax.semilogy(beta, np.maximum(delta, FLOOR), color=colors[n], ls="-")
        for n in lengths:
            if methods[n] == "mps" and f"{name}_chi_check" in table:
                delta = np.abs(curve(name, n, where) - curve(name, n, where, "_chi_check"))
                ax.semilogy(beta, np.maximum(delta, FLOOR), color=colors[n], ls=":", lw=1.6)
        ax.set(ylabel=rf"$|\Delta {label}|$, {where}", ylim=(FLOOR / 2, None))
        ax.set_title(f"convergence, {where}")
for ax in axes[-1]:
    ax.set_xlabel(r"$\beta$ ($1/J$)")
handles = [Line2D([], [], color=colors[n], ls="--" if methods[n] == "mps" else "-",
                  label=rf"$N_\mathrm{{ref}} = {n}$, " +
                  (rf"MPS $\chi = {chis[n]}$" if methods[n] == "mps" else "ED"))
           for n in lengths]
handles += [Line2D([], [], color="gray", ls="-", label=r"$|O_N - O_{N'}|$, $N'$ next shorter"
                                                      "\n(color: $N$)")]
if chi_check is not None:
    handles += [Line2D([], [], color="gray", ls=":", lw=1.6,
                       label=rf"$|O(\chi) - O(\chi_\mathrm{{check}} = {int(chi_check)})|$"
                             "\n(color: $N$)")]
fig.legend(handles=handles, loc="outside right center")
chain = chain_title({k: float(table[k]) for k in ("J", "Delta", "hx", "hz")})
fig.suptitle(r"thermal reference values $\mathrm{Tr}(O\,e^{-\beta H})/Z$ and their "
             r"convergence in $N_\mathrm{ref}$ and $\chi$, "
             f"{sm.params.hamiltonian.replace('_', ' ')}: {chain}; differences below "
             f"{FLOOR:.0e} drawn at {FLOOR:.0e}", fontsize=9)
label_panels(axes)
save(fig, sm.output)
