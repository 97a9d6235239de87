"""[P] Fig. 1: thermal reference values in the middle of the chain versus beta for
several N_ref (top), and their convergence |O_N2 - O_N1| for consecutive lengths (bottom)."""

from plotstyle import label_panels, save, subplots
from wfcommon import figure_data

sm = snakemake  # noqa: F821
table = figure_data(sm).sel(hamiltonian=sm.params.hamiltonian)
panels = [("sx", r"$\langle\sigma^x_{l}\rangle$"), ("sz", r"$\langle\sigma^z_{l}\rangle$"),
          ("szsz", r"$\langle\sigma^z_{l}\sigma^z_{l+1}\rangle$")]
fig, axes = subplots(2, 3, width=2.9, height=2.4)
for col, (name, label) in enumerate(panels):
    ax = axes[0, col]
    for n in table["N_ref"].values:
        ax.plot(table["beta"], table[f"middle_{name}"].sel(N_ref=n), label=rf"$N = {n}$")
    ax.set(xlabel=r"$\beta$ ($1/J$)", ylabel=f"{label}, middle")
    ax = axes[1, col]
    for pair in table["pair"].values:
        n1, n2 = int(table["N1"][pair]), int(table["N2"][pair])
        delta = table[f"delta_{name}"].sel(pair=pair)
        ax.semilogy(table["beta"], delta.where(delta > 0), label=rf"$N_1={n1}$, $N_2={n2}$")
    ax.set(xlabel=r"$\beta$ ($1/J$)", ylabel=rf"$|O_{{N_2}} - O_{{N_1}}|$, {label}",
           ylim=(1e-8, None))
axes[0, 0].legend()
axes[1, 0].legend()
chain = ", ".join(f"{k} = {float(table[k]):g}" for k in ("J", "Delta", "hx", "hz"))
fig.suptitle(f"thermal reference values, {sm.params.hamiltonian} ({chain})", fontsize=9)
label_panels(axes)
save(fig, sm.output)
