"""Role-aware checks: does the division of responsibility in a region follow Table 1 of seed 001
(government as regulator and programme provider, cluster organisations as facilitators), and does
funding land with someone who delivers?

Table 1: an expectation (sub-determinant, actor type, role) is `met` when a service available in the
region addresses the sub-determinant in that role by an actor of that type (or a narrower type);
`other-actors` when the sub-determinant is addressed, but not so; `unaddressed` when nothing addresses
it. Signposting services influence no determinant and do not count.

Funding: `funded_not_delivered` lists funding that reaches no delivery in the region: an rc:funds fact
of a funder seated in the region (or of a funded actor or provider seated there) whose funded service is
not available in the region, or whose funded actor provides nothing directly there; and programme
services (role programme-provider) that deliver by channelling or signposting while no direct service in
the region addresses their determinants. `delivered_without_funder` lists directly delivered programme
services with no funder recorded, whose provider is no government body or funder (which fund their own).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.analysis.actors import ActorInfo, actors_dict, read_actors
from kg.analysis.names import actor_id, service_id
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.analysis.services import ServiceFacts, services_in
from kg.config import Settings
from kg.store import Store

PROGRAMME_ROLE = "programme-provider"
# top actor types that fund their own programmes (ontology/taxonomies/actor-types.ttl)
SELF_FUNDING_TYPES = frozenset({"government", "funder"})


@dataclass(frozen=True)
class Expectation:
    determinant: str
    category: str | None
    actor_type: str
    role: str
    instruments: tuple[str, ...]
    status: str  # met | other-actors | unaddressed
    actors: tuple[str, ...]  # actors meeting the expectation
    others: tuple[tuple[str, tuple[str, ...]], ...]  # other actors addressing it, with their roles

    def to_dict(self) -> dict:
        return {
            "determinant": self.determinant, "category": self.category, "actor_type": self.actor_type,
            "role": self.role, "instruments": list(self.instruments), "status": self.status,
            "actors": list(self.actors), "others": [{"actor": a, "roles": list(r)} for a, r in self.others],
        }


@dataclass(frozen=True)
class FundingIssue:
    funder: str | None  # the funding actor; None for a programme with no funder
    funded: str  # a service id, or an actor id when an actor is funded
    kind: str  # service | actor | programme
    provider: str | None  # who delivers the funded service, if anyone is known
    note: str

    def to_dict(self) -> dict:
        return {"funder": self.funder, "funded": self.funded, "kind": self.kind, "provider": self.provider,
                "note": self.note}


@dataclass(frozen=True)
class ResponsibilityReport:
    scope: Scope
    expectations: tuple[Expectation, ...]
    funded_not_delivered: tuple[FundingIssue, ...]
    delivered_without_funder: tuple[FundingIssue, ...]
    actors: Mapping[str, ActorInfo]

    def to_dict(self) -> dict:
        statuses = ("met", "other-actors", "unaddressed")
        return {
            "analysis": "responsibility",
            "scope": self.scope.to_dict(),
            "summary": {s: sum(e.status == s for e in self.expectations) for s in statuses},
            "expectations": [e.to_dict() for e in self.expectations],
            "funded_not_delivered": [i.to_dict() for i in self.funded_not_delivered],
            "delivered_without_funder": [i.to_dict() for i in self.delivered_without_funder],
            "actors": actors_dict(self.actors),
        }


def _expectations(store: Store, services: list[ServiceFacts]) -> list[Expectation]:
    influencing = [s for s in services if s.mode != "signposting"]
    found = []
    for r in store.select(sparql("table1")).rows:
        det, actor_type, role = str(r["determinant"]), str(r["actorType"]), str(r["role"])
        addressing = [s for s in influencing if det in s.determinants]
        meeting = sorted({s.provider for s in addressing if role in s.roles and actor_type in s.provider_types})
        roles: dict[str, set[str]] = {}
        for s in addressing:
            if s.provider not in meeting:
                roles.setdefault(s.provider, set()).update(s.roles)
        status = "met" if meeting else "other-actors" if addressing else "unaddressed"
        found.append(Expectation(
            det, None if r["category"] is None else str(r["category"]), actor_type, role,
            tuple(sorted(str(r["instruments"]).split())), status, tuple(meeting),
            tuple((a, tuple(sorted(rs))) for a, rs in sorted(roles.items())),
        ))
    return found


def _funding_gaps(store: Store, scope: Scope, services: dict[str, ServiceFacts]) -> tuple[list, dict]:
    issues, names = [], {}
    delivering = {s.provider for s in services.values() if s.direct}
    for r in store.select(sparql("funding"), {"region": scope.region}).rows:
        funder, kind = actor_id(r["funder"]), str(r["kind"])
        funded = service_id(r["funded"]) if kind == "service" else actor_id(r["funded"])
        names[funder] = ActorInfo(funder, str(r["funderName"]))
        if kind == "service" and funded not in services:
            note = f"{r['fundedName']} is not offered in the region"
            issues.append(FundingIssue(funder, funded, kind, None, note))
        elif kind == "actor" and funded not in delivering:
            names[funded] = ActorInfo(funded, str(r["fundedName"]))
            note = f"{r['fundedName']} delivers no service in the region"
            issues.append(FundingIssue(funder, funded, kind, None, note))
    for s in services.values():
        if PROGRAMME_ROLE in s.roles and not s.direct and not any(
            o.direct and o.determinants_up & s.determinants for o in services.values()
        ):
            issues.append(FundingIssue(
                s.provider, s.id, "programme", None,
                f"{s.mode} programme; no direct service in the region addresses {', '.join(sorted(s.determinants))}",
            ))
    return issues, names


def responsibility(
    store: Store, settings: Settings, region: str, include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> ResponsibilityReport:
    """Table 1's division of responsibility against the region's services, and funding without delivery."""
    scope = region_scope(store, region, include_served_from_above, include_subregions)
    services = services_in(store, scope)
    funded_not_delivered, names = _funding_gaps(store, scope, services)
    unfunded = tuple(
        FundingIssue(None, s.id, "programme", s.provider, "programme delivered with no funder recorded")
        for s in services.values()
        if s.direct and PROGRAMME_ROLE in s.roles and not s.funders and not s.provider_funders
        and not s.provider_types & SELF_FUNDING_TYPES
    )
    expectations = _expectations(store, list(services.values()))
    actors = {**names, **read_actors(store.select(sparql("providers"), scope.bindings()).rows)}
    named = {a for e in expectations for a in (*e.actors, *(o for o, _ in e.others))}
    named |= {i.funder for i in (*funded_not_delivered, *unfunded) if i.funder}
    named |= {i.funded for i in funded_not_delivered if i.kind == "actor"}
    named |= {i.provider for i in unfunded if i.provider}
    return ResponsibilityReport(
        scope, tuple(expectations), tuple(funded_not_delivered), unfunded,
        {k: v for k, v in actors.items() if k in named},
    )
