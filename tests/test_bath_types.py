"""Bath kinds as types (issue #24): each kind's class carries only its own options, the
factory refuses an option the kind lacks, describe() is built from the fields, and no
solver outside lindbath.model.baths branches on a kind string."""

import re
from pathlib import Path

import numpy as np
import pytest
from conftest import XXZ_FIELDS, embedded_jumps

import lindbath as lb
from lindbath.errors import InputError
from lindbath.model.baths import (
    BATH_TYPES,
    KINDS,
    TARGET_MAX_LENGTH,
    TargetBath,
    TwoSiteBath,
    option_kinds,
)

SRC = Path(lb.__file__).parent
OWN_OPTIONS = {"db": {"target", "target_length", "target_fields", "gamma_per", "rates", "pairs"},
               "fr": {"target", "target_length", "target_fields", "gamma_per"},
               "local": set(), "davies": {"omega_c", "coupling"}}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_carries_only_its_options(kind):
    bath = lb.make_bath(kind, "left", 0.5, 1.0)
    assert type(bath) is BATH_TYPES[kind] and bath.kind == kind
    assert set(bath.options()) == OWN_OPTIONS[kind]
    for name in set().union(*OWN_OPTIONS.values()) - OWN_OPTIONS[kind]:
        assert not hasattr(bath, name)


@pytest.mark.parametrize(("kind", "option", "value", "kinds"), [
    ("db", "omega_c", 2.0, "('davies',)"), ("fr", "coupling", "Z", "('davies',)"),
    ("local", "target", "bond", "('db', 'fr')"), ("davies", "target_length", 6, "('db', 'fr')"),
    ("fr", "rates", "lowering", "('db',)"),
])
def test_factory_refuses_an_option_of_another_kind(kind, option, value, kinds):
    """Even at its default value: the option does not exist on this kind."""
    with pytest.raises(InputError, match=re.escape(f"{option}={value!r} applies to kind in "
                                                   f"{kinds} only; got kind={kind!r}")):
        lb.make_bath(kind, "left", 0.5, 1.0, **{option: value})
    assert option_kinds(option) == eval(kinds)


def test_unknown_option_and_abstract_classes_are_refused():
    with pytest.raises(InputError, match="cutoff is not a bath option; options: coupling"):
        lb.make_bath("davies", "left", 0.5, 1.0, cutoff=2.0)
    for abstract in (lb.Bath, TwoSiteBath, TargetBath):
        with pytest.raises(TypeError, match="is abstract: build one of"):
            abstract("left", 0.5, 1.0)
    with pytest.raises(TypeError, match="omega_c"):  # the class itself has no such field
        lb.DBBath("left", 0.5, 1.0, omega_c=2.0)


def test_target_length_is_a_reduced_target_option_with_a_named_maximum():
    with pytest.raises(InputError, match="target_length=6 applies to the reduced targets"):
        lb.DBBath("left", 0.5, 1.0, target_length=6)
    with pytest.raises(InputError, match=f"target_length must be an integer >= 2 and <= "
                                         f"{TARGET_MAX_LENGTH}"):
        lb.FRBath("left", 0.5, 1.0, target="reduced_bulk", target_length=TARGET_MAX_LENGTH + 1)


def test_default_descriptions_are_unchanged():
    assert lb.make_bath("db", "left", 0.5, 1).describe() == "db,left,beta=0.5,gamma=1,target=bond"
    assert lb.FRBath("right", 1.5, 0.25).describe() == "fr,right,beta=1.5,gamma=0.25,target=bond"
    assert lb.LocalBath("left", 0.5, 1).describe() == "local,left,beta=0.5,gamma=1"
    assert lb.DaviesBath("right", 2, 1).describe() == "davies,right,beta=2,gamma=1"


def test_description_distinguishes_every_option():
    """Two Davies baths with different cut-offs or couplings, and two reduced targets of
    different lengths, formerly had the same provenance."""
    assert lb.DaviesBath("left", 0.5, 1.0, omega_c=2.0).describe() == \
        "davies,left,beta=0.5,gamma=1,omega_c=2"
    assert lb.DaviesBath("left", 0.5, 1.0, coupling="Z").describe() == \
        "davies,left,beta=0.5,gamma=1,coupling=Z"
    six, ten = (lb.DBBath("left", 0.5, 1.0, target="reduced_edge", target_length=n)
                for n in (6, 10))
    assert six.describe() == "db,left,beta=0.5,gamma=1,target=reduced_edge,target_length=6"
    assert six.describe() != ten.describe()
    assert lb.DBBath("left", 0.5, 1.0, target="reduced_edge").describe() == \
        "db,left,beta=0.5,gamma=1,target=reduced_edge"


@pytest.mark.parametrize("kind", KINDS)
def test_chain_jump_operators_embed_the_bath(kind):
    """The whole-chain jumps (heat flows) are the two-site jumps in place, or the Davies
    jumps themselves; sites() is the pair or the Davies edge site."""
    chain = lb.Chain(4, **XXZ_FIELDS)
    bath = lb.make_bath(kind, "right", 0.7, 0.9)
    jumps = bath.chain_jump_operators(chain)
    if bath.acts_globally:
        assert bath.sites(chain) == {3}
        expected = bath.jump_operators(chain)
    else:
        assert bath.sites(chain) == {2, 3}
        expected = embedded_jumps(chain, [bath])
    assert len(jumps) == len(expected)
    assert all(np.array_equal(a, b) for a, b in zip(jumps, expected, strict=True))


def test_cli_bath_spec_uses_the_factory():
    from lindbath.cli import parse_bath

    assert parse_bath("db,left,0.5,1,reduced_bulk") == lb.DBBath("left", 0.5, 1.0,
                                                                 target="reduced_bulk")
    with pytest.raises(InputError, match="target='bond' applies to kind in"):
        parse_bath("davies,left,0.5,1,bond")


def test_no_solver_compares_a_bath_kind_string():
    """Only lindbath.model.baths maps kind labels to classes; the solvers ask the objects."""
    label = r"['\"](db|fr|local|davies)['\"]"
    pattern = re.compile(rf"is_davies|kind\s*(==|!=|in|not in)\s*\(?{label}|"
                         rf"{label}\s*(==|!=)\s*[\w.]*kind")
    offenders = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
                 for path in sorted(SRC.rglob("*.py")) if path.name != "baths.py"
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
